package dev.jp.runner;

import static dev.jp.runner.support.DesiredDynos.dyno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DesiredDyno;
import dev.jp.localstack.LocalStack;
import dev.jp.localstack.testing.LocalStackExtension;
import dev.jp.runner.support.DesiredDynos;
import dev.jp.runner.support.DynoProcesses;
import dev.jp.runner.support.SlugServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Dynos are isolated from the platform and from each other. A runner runs in a JVM of its own
 * whose environment holds the platform's (fake) secrets; the test, as root, reads the dynos'
 * {@code /proc/<pid>/environ}, and one dyno tries, as it runs, to write into every other dyno's
 * directory and to read every process's environment.
 */
@ExtendWith(LocalStackExtension.class)
class DynoIsolationTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Map<String, String> PLATFORM_SECRETS = Map.of(
            "JP_API_KEY", "fake-api-key-d41d8cd9", "JP_LOG_SESSION_SECRET", "fake-session-secret-8f00b204",
            "QUARKUS_DATASOURCE_PASSWORD", "fake-db-password-e9800998", "HEROKU_API_KEY", "fake-heroku-key-ecf8427e");

    /** Every round: touch a file in every dyno directory it can reach, and collect every environment it can read. */
    private static final String PROBE = """
            while true; do
              for d in "$PWD"/../../*/*/; do [ "$d" -ef "$PWD" ] || touch "$d/intruder" 2>/dev/null; done
              for f in /proc/[0-9]*/environ; do cat "$f" 2>/dev/null | tr '\\0' '\\n' >> seen.txt; done
              echo round >> rounds.txt
              sleep 0.3
            done
            """;

    private static SlugServer slugs;
    private static DesiredDynos desired;
    private static Process runner;
    private static final List<DesiredDyno> written = new ArrayList<>();

    @BeforeAll
    static void startRunner(LocalStack stack) throws IOException {
        slugs = new SlugServer();
        desired = new DesiredDynos(stack.kafkaBootstrapServers());
        Path work = Path.of("target/isolation-work").toAbsolutePath();
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(java, "-Xmx256m",
                "-cp", System.getProperty("java.class.path"),
                "-Djp.runner.host=isolation",
                "-Djp.runner.group=isolation-" + System.nanoTime(),
                "-Djp.runner.work-dir=" + work,
                "-Djp.runner.first-port=31000",
                "-Djp.dynos.stop-grace=2s",
                // The prober must finish a few rounds within a minute on a CI machine shared with other
                // builds, which dynos at niceness 19 may not; priority is DynoPriorityTest's subject.
                "-Djp.runner.dyno-nice=0",
                "-Djp.log-router-url=http://127.0.0.1:9",
                "dev.jp.runner.support.RunnerMain", stack.kafkaBootstrapServers())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(Path.of("target/isolation-runner.log").toFile()));
        builder.environment().putAll(PLATFORM_SECRETS);
        runner = builder.start();
    }

    @AfterAll
    static void stopRunner() throws InterruptedException {
        written.forEach(d -> desired.remove(d.app(), d.slot()));
        runner.destroy();
        if (!runner.waitFor(30, TimeUnit.SECONDS)) {
            runner.destroyForcibly();
        }
        desired.close();
        slugs.close();
    }

    @Test
    void dynos_see_neither_platform_secrets_nor_other_apps_config_and_cannot_write_into_other_dynos() throws IOException {
        assertThat(runner.info().user()).as("the test runs the runner as root").hasValue("root");
        SlugServer.Slug slug = slugs.serve("isolation", Map.of("Procfile", "worker: sleep 1000\n"));
        String alpha = "iso-alpha-" + System.nanoTime() % 100000;
        String beta = "iso-beta-" + System.nanoTime() % 100000;
        put(withEnv(dyno(alpha, "worker.1", "exec sleep 1000", slug), Map.of("SECRET_ALPHA", "alpha-value")));
        put(withEnv(dyno(alpha, "worker.2", "exec sleep 1000", slug), Map.of("SECRET_ALPHA", "alpha-value")));
        put(withEnv(dyno(beta, "prober.1", PROBE, slug), Map.of("SECRET_BETA", "beta-value")));

        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(DynoProcesses.dynos(alpha)).containsOnlyKeys("worker.1", "worker.2");
            assertThat(DynoProcesses.dynos(beta)).containsOnlyKeys("prober.1");
        });
        Map<String, DynoProcesses.Proc> dynos = new HashMap<>();
        DynoProcesses.dynos(alpha).forEach((slot, proc) -> dynos.put(alpha + "/" + slot, proc));
        DynoProcesses.dynos(beta).forEach((slot, proc) -> dynos.put(beta + "/" + slot, proc));

        dynos.forEach((name, proc) -> {
            assertThat(proc.env()).as(name).doesNotContainKeys(PLATFORM_SECRETS.keySet().toArray(String[]::new));
            assertThat(String.join("\n", proc.env().values())).as(name)
                    .doesNotContain(PLATFORM_SECRETS.values().toArray(String[]::new));
            assertThat(proc.env().keySet()).as(name).noneMatch(k -> k.startsWith("JP_") && !k.equals("JP_APP")
                    && !k.equals("JP_RELEASE_VERSION") || k.startsWith("QUARKUS_") || k.startsWith("KAFKA_"));
            assertThat(proc.uid()).as(name + " runs unprivileged").isNotZero();
        });
        assertThat(dynos.get(alpha + "/worker.1").env()).containsEntry("SECRET_ALPHA", "alpha-value").doesNotContainKey("SECRET_BETA");
        assertThat(dynos.get(beta + "/prober.1").env()).containsEntry("SECRET_BETA", "beta-value").doesNotContainKey("SECRET_ALPHA");
        assertThat(dynos.values().stream().map(DynoProcesses.Proc::uid).distinct().count())
                .as("each dyno its own uid").isEqualTo(dynos.size());

        Path prober = directoryOf(dynos.get(beta + "/prober.1"));
        await().atMost(WAIT).until(() -> Files.exists(prober.resolve("rounds.txt"))
                && Files.readAllLines(prober.resolve("rounds.txt")).size() >= 3);

        for (String slot : List.of("worker.1", "worker.2")) {
            Path victim = directoryOf(dynos.get(alpha + "/" + slot));
            assertThat(victim.resolve("intruder")).as("the prober wrote into " + victim).doesNotExist();
        }
        String seen = Files.exists(prober.resolve("seen.txt")) ? Files.readString(prober.resolve("seen.txt"), StandardCharsets.UTF_8) : "";
        assertThat(seen).as("environments the prober could read").contains("SECRET_BETA=beta-value")
                .doesNotContain("SECRET_ALPHA").doesNotContain(PLATFORM_SECRETS.values().toArray(String[]::new));
        assertThat(Files.readString(directoryOf(dynos.get(alpha + "/worker.1")).resolve("Procfile")))
                .as("the owner of a copy reads it").contains("worker");
    }

    private static Path directoryOf(DynoProcesses.Proc proc) throws IOException {
        return Path.of("/proc/" + proc.pid() + "/cwd").toRealPath();
    }

    private static DesiredDyno withEnv(DesiredDyno d, Map<String, String> env) {
        Map<String, String> merged = new HashMap<>(d.env());
        merged.putAll(env);
        return new DesiredDyno(d.app(), d.slot(), d.processType(), d.releaseVersion(), d.command(), merged, d.size(),
                d.restartNonce(), d.slugId(), d.slugChecksum(), d.slugUrl(), d.oneOff(), d.attach(), d.appLogToken(), d.herokuLogToken());
    }

    private static void put(DesiredDyno dyno) {
        written.add(dyno);
        desired.put(dyno);
    }
}
