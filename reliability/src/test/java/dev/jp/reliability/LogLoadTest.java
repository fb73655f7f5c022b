package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.DynoProcesses;
import dev.jp.reliability.support.LogsTopic;
import dev.jp.reliability.support.ReliabilityPlatform;
import dev.jp.reliability.support.Soak;
import dev.jp.reliability.support.SseTail;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Load 2: many apps' dynos logging while tails follow them. The size (50 apps × 4 dynos ×
 * 1,000 lines/s, 100 tails) runs with -Dsoak=true; by default 4 apps × 2 dynos × 100 lines/s and
 * 12 tails, which a shared 2-core CI machine carries beside the rest of the suite.
 */
class LogLoadTest {

    private static final int SAMPLES = 200;

    private final ReliabilityPlatform platform = ReliabilityPlatform.get();
    private final Api api = platform.api();

    @Test
    void the_api_answers_under_log_load_and_a_stuck_tail_blocks_no_other() throws Exception {
        int appCount = Soak.pick(4, 50);
        int dynosPerApp = Soak.pick(2, 4);
        int linesPerSecond = Soak.pick(100, 1000);
        int tailsPerApp = Soak.pick(3, 2);
        Duration duration = Duration.ofSeconds(Soak.pick(15, 60));
        List<String> apps = new ArrayList<>();
        for (int i = 0; i < appCount; i++) {
            apps.add(platform.app("logload", Map.of("logger", LogsTopic.countingCommand(linesPerSecond))));
        }
        List<Long> idle = apiTimes(apps.get(0));

        List<SseTail> tails = new ArrayList<>();
        try {
            for (String app : apps) {
                for (int t = 0; t < tailsPerApp; t++) {
                    String url = api.call("POST", "/apps/" + app + "/log-sessions", Map.of("tail", true, "lines", 1), 201)
                            .path("logplex_url").asText();
                    tails.add(new SseTail(url, Duration.ofMillis(500)));
                }
            }
            // The first app's first tail stops reading, as a stuck terminal would.
            SseTail stuck = tails.get(0);
            stuck.pause(true);
            apps.forEach(app -> platform.scale(app, Map.of("logger", dynosPerApp)));
            await().atMost(Duration.ofMinutes(2)).until(() -> apps.stream().allMatch(app -> DynoProcesses.of(app).size() == dynosPerApp));
            long began = System.nanoTime();
            List<Long> loaded = new ArrayList<>();
            while (System.nanoTime() - began < duration.toNanos()) {
                loaded.addAll(apiTimes(apps.get(0)));
            }
            double idleP99 = p99(idle);
            double loadedP99 = p99(loaded);
            System.err.printf("log load: %d apps x %d dynos x %d lines/s for %d s, %d tails (1 stuck): "
                            + "API p99 idle %.1f ms, under load %.1f ms (%.1fx), max %d ms%n",
                    appCount, dynosPerApp, linesPerSecond, duration.toSeconds(), tails.size(), idleP99, loadedP99,
                    loadedP99 / idleP99, Collections.max(loaded) / 1000);
            apps.forEach(app -> platform.scale(app, Map.of("logger", 0)));
            // 200 dynos (soak) on a saturated machine take longer to stop than 8.
            await().atMost(Duration.ofMinutes(Soak.pick(1, 3)))
                    .until(() -> apps.stream().allMatch(app -> DynoProcesses.of(app).isEmpty()));

            long stored = 0;
            for (int a = 0; a < apps.size(); a++) {
                List<LogsTopic.Line> lines = LogsTopic.of(platform.kafka(), apps.get(a));
                stored += lines.size();
                long end = lines.get(lines.size() - 1).offset();
                for (int t = 0; t < tailsPerApp; t++) {
                    SseTail tail = tails.get(a * tailsPerApp + t);
                    if (tail == stuck) {
                        continue;
                    }
                    await("tail %d of %s reaches the end".formatted(t, apps.get(a))).atMost(Duration.ofMinutes(1))
                            .until(() -> !tail.events().isEmpty() && tail.events().get(tail.events().size() - 1).id() >= end);
                    List<SseTail.Event> events = tail.events();
                    long first = events.get(0).id();
                    for (int i = 0; i < events.size(); i++) {
                        assertThat(events.get(i).id()).as("tail %d of %s, event %d: no line lost", t, apps.get(a), i)
                                .isEqualTo(first + i);
                    }
                }
            }
            System.err.printf("log load: %d lines stored; every tail but the stuck one got every line%n", stored);
            if (Soak.on()) {
                assertThat(loadedP99).as("API p99 under log load, against %.1f ms idle", idleP99).isLessThanOrEqualTo(3 * idleP99);
            }
        } finally {
            tails.forEach(SseTail::close);
        }
    }

    /** The times, in µs, of reads a user makes ({@code jp ps}, {@code jp config}), each of which must answer 200. */
    private List<Long> apiTimes(String app) {
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < SAMPLES / 4; i++) {
            for (String path : List.of("", "/formation", "/dynos", "/config-vars")) {
                Api.Reply reply = api.send("GET", "/apps/" + app + path, null, Map.of(), Duration.ofSeconds(10));
                assertThat(reply.status()).isEqualTo(200);
                times.add(reply.took().toNanos() / 1000);
            }
        }
        return times;
    }

    private static double p99(List<Long> micros) {
        List<Long> sorted = new ArrayList<>(micros);
        Collections.sort(sorted);
        return sorted.get((int) (sorted.size() * 0.99)) / 1000.0;
    }
}
