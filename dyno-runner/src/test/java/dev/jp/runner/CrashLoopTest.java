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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Many dynos that crash the moment they start, with a back-off short enough that only the spawn
 * budget holds them: the runner starts no more processes than the budget allows, and stays
 * responsive, so a healthy dyno added meanwhile starts and the status answers.
 */
@ExtendWith(LocalStackExtension.class)
class CrashLoopTest {

    private static final int PER_SECOND = 20;
    private static final int LOOPING = 30;

    @Test
    void a_crash_loop_spawns_within_the_budget_and_the_runner_stays_responsive(LocalStack stack) throws Exception {
        String app = "crashloop";
        String healthyApp = "crashloop-healthy";
        List<String> slots = IntStream.rangeClosed(1, LOOPING).mapToObj(i -> "worker." + i).toList();
        TopicSetup.ensure(stack.kafkaBootstrapServers(), List.of(TopicPolicy.dynosDesired(), TopicPolicy.platformEvents()));
        try (SlugServer slugs = new SlugServer();
             DynoRunner runner = DynoRunner.start(TestConfig.with(Map.of(
                     "jp.runner.host", "runner-loop",
                     "jp.runner.group", "jp-test-crash-loop",
                     "jp.runner.work-dir", Path.of("target/runner-work").toAbsolutePath().toString(),
                     "jp.runner.first-port", "35000",
                     "jp.runner.spawns-per-second", Integer.toString(PER_SECOND),
                     "jp.log-router-url", "http://127.0.0.1:9",
                     "jp.dynos.backoff-initial", "10ms",
                     "jp.dynos.backoff-max", "20ms",
                     "jp.dynos.stop-grace", "2s")), stack.kafkaBootstrapServers());
             DesiredDynos desired = new DesiredDynos(stack.kafkaBootstrapServers());
             PlatformEventLog events = new PlatformEventLog(stack.kafkaBootstrapServers())) {
            SlugServer.Slug slug = slugs.serve("crashloop-slug", Map.of("Procfile", "worker: exit 1\n"));
            long cpuBefore = cpuTicksOfThisJvmAndItsChildren();
            Instant began = Instant.now();
            desired.putAll(slots.stream().map(slot -> dyno(app, slot, "exit 1", slug)).toList());

            // Well into the loop, a healthy dyno still gets its turn, and the runner answers.
            await().atMost(Duration.ofSeconds(30)).until(() -> events.states(app).stream()
                    .filter(s -> s.state() == DynoState.CRASHED).count() >= 3L * LOOPING);
            desired.put(dyno(healthyApp, "worker.1", "exec sleep 1000", slug));
            await().atMost(Duration.ofSeconds(15)).until(() -> DynoProcesses.dynos(healthyApp).containsKey("worker.1"));
            long answeredIn = System.nanoTime();
            assertThat(runner.dynos()).hasSize(LOOPING + 1);
            answeredIn = (System.nanoTime() - answeredIn) / 1_000_000;

            List<Instant> starts = events.states(app).stream().filter(s -> s.state() == DynoState.STARTING)
                    .map(DynoStateChanged::occurredAt).sorted().toList();
            double seconds = Duration.between(began, starts.get(starts.size() - 1)).toNanos() / 1e9;
            double cpuSeconds = (cpuTicksOfThisJvmAndItsChildren() - cpuBefore) / 100.0;
            System.err.printf("crash loop: %d starts in %.1f s (budget %d/s plus a burst of %d); %.1f s of CPU"
                    + " (this JVM and its children, Kafka excluded); status answered in %d ms%n",
                    starts.size(), seconds, PER_SECOND, PER_SECOND, cpuSeconds, answeredIn);
            // A second's worth at once, then the budget's rate (one second of slack for timing).
            assertThat(starts.size()).isLessThanOrEqualTo((int) Math.ceil(PER_SECOND * (seconds + 2)));

            slots.forEach(slot -> desired.remove(app, slot));
            desired.remove(healthyApp, "worker.1");
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                assertThat(DynoProcesses.of(app)).isEmpty();
                assertThat(DynoProcesses.of(healthyApp)).isEmpty();
            });
        }
    }

    /** utime + stime + cutime + cstime of this JVM from /proc/self/stat, in clock ticks (100 per second). */
    private static long cpuTicksOfThisJvmAndItsChildren() throws Exception {
        String stat = Files.readString(Path.of("/proc/self/stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]) + Long.parseLong(fields[13]) + Long.parseLong(fields[14]);
    }
}
