package dev.jp.runner;

import static dev.jp.runner.support.DesiredDynos.dyno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.TopicPolicy;
import dev.jp.localstack.LocalStack;
import dev.jp.localstack.testing.LocalStackExtension;
import dev.jp.runner.placement.TopicSetup;
import dev.jp.runner.support.DesiredDynos;
import dev.jp.runner.support.DynoProcesses;
import dev.jp.runner.support.PlatformEventLog;
import dev.jp.runner.support.SlugServer;
import dev.jp.runner.support.TestConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A runner that comes back with the same host id, after a {@code kill -9} or a clean stop, runs each
 * of its slots exactly once: nothing its predecessor left runs on, nothing runs twice, and every web
 * dyno listens on a port no other live dyno has.
 */
@ExtendWith(LocalStackExtension.class)
class RunnerRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A web dyno whose listener is the shell's child: it outlives the shell when the runner is killed. */
    private static final String WEB = "python3 -m http.server $PORT --bind 127.0.0.1 & wait";
    private static final List<String> SLOTS = List.of("web.1", "web.2", "worker.1");

    @Test
    void a_runner_killed_and_started_again_runs_each_slot_once_on_ports_of_their_own(LocalStack stack) throws Exception {
        String app = "restart-killed";
        Path work = Path.of("target/runner-work").toAbsolutePath();
        Process first = null;
        Process second = null;
        try (SlugServer slugs = new SlugServer();
             DesiredDynos desired = new DesiredDynos(stack.kafkaBootstrapServers())) {
            TopicSetup.ensure(stack.kafkaBootstrapServers(), List.of(TopicPolicy.dynosDesired(), TopicPolicy.platformEvents()));
            SlugServer.Slug slug = slugs.serve("restart-slug", Map.of("Procfile", "web: python3 -m http.server $PORT\n"));
            putAll(desired, app, slug);
            try (PlatformEventLog events = new PlatformEventLog(stack.kafkaBootstrapServers())) {
                first = startRunnerJvm(stack, work);
                Map<String, DynoStateChanged> ups = awaitUp(events, app, Set.of());
                Set<Long> before = ups.values().stream().map(DynoStateChanged::pid).collect(Collectors.toSet());
                Set<Long> oldGroups = DynoProcesses.of(app).stream().map(DynoProcesses.Proc::group).collect(Collectors.toSet());

                first.destroyForcibly();
                first.waitFor();
                second = startRunnerJvm(stack, work);

                awaitUp(events, app, before);
                await().atMost(WAIT).untilAsserted(() -> assertRunsOnceEach(app, oldGroups));
            }
            SLOTS.forEach(slot -> desired.remove(app, slot));
            await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
        } finally {
            stop(first);
            stop(second);
        }
    }

    @Test
    void a_runner_stopped_and_started_again_runs_each_slot_once(LocalStack stack) throws Exception {
        String app = "restart-clean";
        Map<String, String> config = Map.of(
                "jp.runner.host", "runner-again",
                "jp.runner.group", "jp-test-restart-clean",
                "jp.runner.work-dir", Path.of("target/runner-work").toAbsolutePath().toString(),
                "jp.runner.first-port", "34000",
                "jp.log-router-url", "http://127.0.0.1:9",
                "jp.dynos.stop-grace", "2s");
        TopicSetup.ensure(stack.kafkaBootstrapServers(), List.of(TopicPolicy.dynosDesired(), TopicPolicy.platformEvents()));
        try (SlugServer slugs = new SlugServer();
             DesiredDynos desired = new DesiredDynos(stack.kafkaBootstrapServers());
             PlatformEventLog events = new PlatformEventLog(stack.kafkaBootstrapServers())) {
            SlugServer.Slug slug = slugs.serve("restart-clean-slug", Map.of("Procfile", "web: python3 -m http.server $PORT\n"));
            putAll(desired, app, slug);
            Set<Long> oldGroups;
            Set<Long> before;
            try (DynoRunner runner = DynoRunner.start(TestConfig.with(config), stack.kafkaBootstrapServers())) {
                before = awaitUp(events, app, Set.of()).values().stream().map(DynoStateChanged::pid).collect(Collectors.toSet());
                oldGroups = DynoProcesses.of(app).stream().map(DynoProcesses.Proc::group).collect(Collectors.toSet());
            }
            // A clean stop takes every dyno with it, grandchildren included.
            assertThat(DynoProcesses.of(app)).isEmpty();

            try (DynoRunner runner = DynoRunner.start(TestConfig.with(config), stack.kafkaBootstrapServers())) {
                awaitUp(events, app, before);
                await().atMost(WAIT).untilAsserted(() -> assertRunsOnceEach(app, oldGroups));
                SLOTS.forEach(slot -> desired.remove(app, slot));
                await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
            }
        }
    }

    private static void putAll(DesiredDynos desired, String app, SlugServer.Slug slug) {
        desired.put(dyno(app, "web.1", WEB, slug));
        desired.put(dyno(app, "web.2", WEB, slug));
        desired.put(dyno(app, "worker.1", "sleep 1000 & wait", slug));
    }

    /** Each slot's first "up" fact from a process not in {@code earlier}. */
    private static Map<String, DynoStateChanged> awaitUp(PlatformEventLog events, String app, Set<Long> earlier) {
        return await().atMost(WAIT).until(() -> {
            Map<String, DynoStateChanged> ups = new java.util.HashMap<>();
            events.states(app).stream().filter(s -> s.state() == DynoState.UP && !earlier.contains(s.pid()))
                    .forEach(s -> ups.putIfAbsent(s.dyno(), s));
            return ups;
        }, ups -> ups.keySet().containsAll(SLOTS));
    }

    /** Every slot is one process group (the shell and its child), none of them left from before, and each web dyno has a port of its own that it listens on. */
    private static void assertRunsOnceEach(String app, Set<Long> oldGroups) {
        List<DynoProcesses.Proc> processes = DynoProcesses.of(app);
        assertThat(processes).noneMatch(p -> oldGroups.contains(p.group()));
        Map<String, List<DynoProcesses.Proc>> bySlot = processes.stream().collect(Collectors.groupingBy(DynoProcesses.Proc::dyno));
        assertThat(bySlot).containsOnlyKeys(SLOTS.toArray(String[]::new));
        bySlot.forEach((slot, procs) -> {
            assertThat(procs).as(slot + ": its shell and the shell's child").hasSize(2);
            assertThat(procs).extracting(DynoProcesses.Proc::group).as(slot + ": one process group").containsOnly(procs.get(0).group());
        });
        List<String> ports = new ArrayList<>();
        for (String web : List.of("web.1", "web.2")) {
            String port = bySlot.get(web).get(0).env().get("PORT");
            ports.add(port);
            assertThat(accepts(Integer.parseInt(port))).as(web + " listens on its $PORT " + port).isTrue();
        }
        assertThat(ports).doesNotHaveDuplicates();
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Process startRunnerJvm(LocalStack stack, Path work) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Djp.runner.host=runner-r",
                "-Djp.runner.group=jp-test-restart-killed",
                "-Djp.runner.work-dir=" + work,
                "-Djp.runner.session-timeout=6s",
                "-Djp.runner.first-port=33000",
                "-Djp.dynos.stop-grace=2s",
                "-Djp.log-router-url=http://127.0.0.1:9",
                "dev.jp.runner.support.RunnerMain", stack.kafkaBootstrapServers()));
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/runner-r.log").toFile())).start();
    }

    private static void stop(Process runner) throws InterruptedException {
        if (runner != null) {
            runner.destroy(); // SIGTERM: the runner stops its dynos on the way out
            if (!runner.waitFor(30, TimeUnit.SECONDS)) {
                runner.destroyForcibly();
            }
        }
    }
}
