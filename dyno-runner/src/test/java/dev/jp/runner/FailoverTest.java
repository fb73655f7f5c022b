package dev.jp.runner;

import static dev.jp.runner.support.DesiredDynos.dyno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.TopicPolicy;
import dev.jp.localstack.LocalStack;
import dev.jp.runner.placement.TopicSetup;
import dev.jp.localstack.testing.LocalStackExtension;
import dev.jp.runner.support.DesiredDynos;
import dev.jp.runner.support.DynoProcesses;
import dev.jp.runner.support.PlatformEventLog;
import dev.jp.runner.support.SlugServer;
import dev.jp.runner.support.TestConfig;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two runners in one group: one in this JVM, one in a JVM of its own that the test kills with
 * SIGKILL. Its dynos die with it (parent-death signal), and the group hands its slots to the
 * survivor, which starts them; afterwards every slot runs exactly once.
 */
@ExtendWith(LocalStackExtension.class)
class FailoverTest {

    private static final String APP = "failover";
    private static final int SLOTS = 12;

    @Test
    void a_killed_runners_dynos_run_on_the_other_within_15_seconds(LocalStack stack) throws Exception {
        Path work = Path.of("target/runner-work").toAbsolutePath();
        List<String> slots = IntStream.rangeClosed(1, SLOTS).mapToObj(i -> "worker." + i).toList();
        Process other = null;
        try (SlugServer slugs = new SlugServer();
             DynoRunner survivor = DynoRunner.start(TestConfig.with(Map.of(
                     "jp.runner.host", "runner-y",
                     "jp.runner.work-dir", work.toString(),
                     "jp.runner.session-timeout", "6s",
                     "jp.log-router-url", "http://127.0.0.1:9",
                     "jp.dynos.stop-grace", "2s")), stack.kafkaBootstrapServers());
             DesiredDynos desired = new DesiredDynos(stack.kafkaBootstrapServers());
             PlatformEventLog events = new PlatformEventLog(stack.kafkaBootstrapServers())) {
            SlugServer.Slug slug = slugs.serve("failover-slug", Map.of("Procfile", "worker: sleep 1000\n"));
            other = startRunnerJvm(stack, work, "runner-x", "jp-dyno-runners");
            slots.forEach(slot -> desired.put(dyno(APP, slot, "exec sleep 1000", slug)));

            // Both runners run some of the slots, each slot exactly once.
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                assertThat(DynoProcesses.of(APP)).extracting(DynoProcesses.Proc::dyno)
                        .containsExactlyInAnyOrderElementsOf(slots);
                assertThat(currentHosts(events)).containsOnlyKeys(slots.toArray(String[]::new))
                        .containsValues("runner-x", "runner-y");
            });
            Set<String> onKilled = currentHosts(events).entrySet().stream()
                    .filter(e -> e.getValue().equals("runner-x")).map(Map.Entry::getKey).collect(Collectors.toSet());

            long killedAt = System.nanoTime();
            other.destroyForcibly();
            other.waitFor();

            // Its dynos die with it: no orphans.
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(DynoProcesses.of(APP))
                    .extracting(DynoProcesses.Proc::dyno).doesNotContainAnyElementsOf(onKilled));
            await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
                assertThat(DynoProcesses.of(APP)).extracting(DynoProcesses.Proc::dyno)
                        .containsExactlyInAnyOrderElementsOf(slots);
                assertThat(currentHosts(events)).containsOnlyKeys(slots.toArray(String[]::new))
                        .allSatisfy((slot, host) -> assertThat(host).isEqualTo("runner-y"));
            });
            System.err.printf("failover: %d slots of the killed runner running on the other %d ms after kill -9%n",
                    onKilled.size(), (System.nanoTime() - killedAt) / 1_000_000);

            slots.forEach(slot -> desired.remove(APP, slot));
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(DynoProcesses.of(APP)).isEmpty());
        } finally {
            if (other != null) {
                other.destroyForcibly();
                other.waitFor();
            }
        }
    }

    @Test
    void a_restarted_runner_kills_what_its_killed_predecessor_left(LocalStack stack) throws Exception {
        String app = "leftover";
        Path work = Path.of("target/runner-work").toAbsolutePath();
        Process first = null;
        Process second = null;
        try (SlugServer slugs = new SlugServer();
             DesiredDynos desired = new DesiredDynos(stack.kafkaBootstrapServers())) {
            SlugServer.Slug slug = slugs.serve("leftover-slug", Map.of("Procfile", "worker: sleep 1000 & wait\n"));
            TopicSetup.ensure(stack.kafkaBootstrapServers(), List.of(TopicPolicy.dynosDesired(), TopicPolicy.platformEvents()));
            desired.put(dyno(app, "worker.1", "sleep 1000 & wait", slug));
            first = startRunnerJvm(stack, work, "runner-z", "jp-test-leftovers");
            await().atMost(Duration.ofSeconds(60)).until(() -> DynoProcesses.of(app).size() == 2);

            first.destroyForcibly();
            first.waitFor();
            // The shell dies with the runner; its background child is orphaned in the old group.
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(DynoProcesses.of(app))
                    .singleElement().satisfies(orphan -> assertThat(orphan.leadsGroup()).isFalse()));
            long orphanGroup = DynoProcesses.of(app).get(0).group();

            second = startRunnerJvm(stack, work, "runner-z", "jp-test-leftovers");

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                List<DynoProcesses.Proc> now = DynoProcesses.of(app);
                assertThat(now).hasSize(2).noneMatch(p -> p.group() == orphanGroup);
            });
            desired.remove(app, "worker.1");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
        } finally {
            for (Process runner : new Process[] {first, second}) {
                if (runner != null) {
                    runner.destroy(); // SIGTERM: the runner stops its dynos on the way out
                    if (!runner.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                        runner.destroyForcibly();
                    }
                }
            }
        }
    }

    /** Which runner each slot's latest "up" fact came from. */
    private static Map<String, String> currentHosts(PlatformEventLog events) {
        Map<String, String> hosts = new java.util.HashMap<>();
        for (DynoStateChanged state : events.states(APP)) {
            if (state.state() == DynoState.UP) {
                hosts.put(state.dyno(), state.host());
            } else if (state.state() == DynoState.DOWN || state.state() == DynoState.CRASHED) {
                hosts.remove(state.dyno(), state.host());
            }
        }
        return hosts;
    }

    private static Process startRunnerJvm(LocalStack stack, Path work, String host, String group) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Djp.runner.host=" + host,
                "-Djp.runner.group=" + group,
                "-Djp.runner.work-dir=" + work,
                "-Djp.runner.session-timeout=6s",
                "-Djp.runner.first-port=30000",
                "-Djp.dynos.stop-grace=2s",
                "-Djp.log-router-url=http://127.0.0.1:9",
                "dev.jp.runner.support.RunnerMain", stack.kafkaBootstrapServers()));
        Path log = Path.of("target/" + host + ".log");
        return new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    }
}
