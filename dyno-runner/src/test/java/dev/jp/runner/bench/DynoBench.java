package dev.jp.runner.bench;

import static dev.jp.runner.support.DesiredDynos.dyno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.localstack.LocalStack;
import dev.jp.localstack.testing.LocalStackExtension;
import dev.jp.runner.DynoRunner;
import dev.jp.runner.support.DesiredDynos;
import dev.jp.runner.support.DynoProcesses;
import dev.jp.runner.support.PlatformEventLog;
import dev.jp.runner.support.SlugServer;
import dev.jp.runner.support.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The numbers, measured on this host: 100 trivial dynos from nothing to up, and crash →
 * restart latency over repeated {@code kill -9}. Not part of the build:
 * {@code ./mvnw -o -pl dyno-runner verify -Djp.bench=true -Dtest=DynoBench}.
 */
@ExtendWith(LocalStackExtension.class)
@EnabledIfSystemProperty(named = "jp.bench", matches = "true")
class DynoBench {

    private static final String APP = "bench";

    @Test
    void hundred_dynos_up_and_crash_restart_latency(LocalStack stack) {
        List<String> slots = IntStream.rangeClosed(1, 100).mapToObj(i -> "worker." + i).toList();
        try (SlugServer slugs = new SlugServer();
             DynoRunner runner = DynoRunner.start(TestConfig.with(Map.of(
                     "jp.runner.host", "bench",
                     "jp.runner.work-dir", Path.of("target/runner-work").toAbsolutePath().toString(),
                     "jp.log-router-url", "http://127.0.0.1:9",
                     "jp.dynos.stop-grace", "2s",
                     "jp.dynos.forgive-after", "0s")), stack.kafkaBootstrapServers());
             DesiredDynos desired = new DesiredDynos(stack.kafkaBootstrapServers());
             PlatformEventLog events = new PlatformEventLog(stack.kafkaBootstrapServers())) {
            SlugServer.Slug slug = slugs.serve("bench-slug", Map.of("Procfile", "worker: sleep 1000\n"));
            // Warm up the slug cache and the code paths with one dyno first.
            desired.put(dyno(APP, "worker.0", "exec sleep 1000", slug));
            await().atMost(Duration.ofSeconds(60)).until(() -> DynoProcesses.dynos(APP).size() == 1);

            long began = System.nanoTime();
            desired.putAll(slots.stream().map(slot -> dyno(APP, slot, "exec sleep 1000", slug)).toList());
            long written = System.nanoTime();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(10)).until(() ->
                    events.states(APP).stream().filter(s -> s.state() == DynoState.UP).map(DynoStateChanged::dyno)
                            .distinct().count() == 101);
            List<DynoStateChanged> ups = events.states(APP).stream()
                    .filter(s -> s.state() == DynoState.UP && !s.dyno().equals("worker.0")).toList();
            Instant firstUp = ups.stream().map(DynoStateChanged::occurredAt).min(Instant::compareTo).orElseThrow();
            Instant lastUp = ups.stream().map(DynoStateChanged::occurredAt).max(Instant::compareTo).orElseThrow();
            System.err.printf("bench: 100 dynos: records written in %d ms; first up → last up %d ms"
                            + " (%.0f spawns/s); all up %d ms after the first record was written%n",
                    (written - began) / 1_000_000, Duration.between(firstUp, lastUp).toMillis(),
                    100_000.0 / Math.max(1, Duration.between(firstUp, lastUp).toMillis()),
                    (System.nanoTime() - began) / 1_000_000);

            // kill -9 one dyno at a time; the runner forgives at once (forgive-after 0s), so every
            // crash is a "first" crash and restarts immediately.
            List<Long> latencies = new ArrayList<>();
            for (int i = 1; i <= 50; i++) {
                String slot = "worker." + i;
                long pid = DynoProcesses.dynos(APP).get(slot).pid();
                DynoProcesses.kill9(pid);
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(() ->
                        events.states(APP, slot).stream().anyMatch(s -> s.state() == DynoState.STARTING
                                && s.pid() != null && s.pid() != pid && s.restartCount() > 0));
                List<DynoStateChanged> history = events.states(APP, slot);
                DynoStateChanged crash = history.stream().filter(s -> s.state() == DynoState.CRASHED).reduce((a, b) -> b).orElseThrow();
                DynoStateChanged restart = history.stream().filter(s -> s.state() == DynoState.STARTING).reduce((a, b) -> b).orElseThrow();
                latencies.add(Duration.between(crash.occurredAt(), restart.occurredAt()).toNanos() / 1000);
            }
            Collections.sort(latencies);
            System.err.printf("bench: crash → restart (crash event → starting event, i.e. exit seen → new process forked)"
                            + " over %d kill -9: p50 %d µs, p99 %d µs, max %d µs%n", latencies.size(),
                    latencies.get(latencies.size() / 2), latencies.get((int) Math.ceil(latencies.size() * 0.99) - 1),
                    latencies.get(latencies.size() - 1));

            desired.remove(APP, "worker.0");
            slots.forEach(slot -> desired.remove(APP, slot));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(DynoProcesses.of(APP)).isEmpty());
        }
    }
}
