package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.DynoProcesses;
import dev.jp.reliability.support.LogsTopic;
import dev.jp.reliability.support.ReliabilityPlatform;
import dev.jp.reliability.support.Soak;
import dev.jp.reliability.support.SseTail;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.awaitility.core.ConditionTimeoutException;
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
            System.err.println("log load: a dyno's priority: " + priority(DynoProcesses.of(apps.get(0)).values().iterator().next().get(0)));
            long began = System.nanoTime();
            List<Long> loaded = new ArrayList<>();
            while (System.nanoTime() - began < duration.toNanos()) {
                loaded.addAll(apiTimes(apps.get(0)));
            }
            double idleP99 = p99(idle);
            double loadedP99 = p99(loaded);
            System.err.printf("log load: %d apps x %d dynos x %d lines/s for %d s, %d tails (1 stuck): "
                            + "API p99 idle %.1f ms, under load %.1f ms (%.1fx), max %d ms; load average %s%n",
                    appCount, dynosPerApp, linesPerSecond, duration.toSeconds(), tails.size(), idleP99, loadedP99,
                    loadedP99 / idleP99, Collections.max(loaded) / 1000,
                    Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
            apps.forEach(app -> platform.scale(app, Map.of("logger", 0)));
            // 200 dynos (soak) on a saturated machine take longer to stop than 8.
            await().atMost(Duration.ofMinutes(Soak.pick(1, 3)))
                    .until(() -> apps.stream().allMatch(app -> DynoProcesses.of(app).isEmpty()));

            // A tail loses lines when its client reads slower than its app writes (L11): on a machine
            // too small for the load, the test's own tail clients do. The criterion is that the stuck
            // tail makes no other tail lose lines: the tail that shares the stuck one's app (its Kafka
            // consumer and fan-out) must lose no more than the tails of the other apps (the control).
            long stored = 0;
            // One deadline for all tails together: after the load every tail works off its backlog at
            // once, and the first one checked must not bear the whole catch-up alone (the soak at
            // niceness 10 failed that way on the first tail checked, which is the one beside the stuck).
            Duration catchUp = Duration.ofMinutes(Soak.pick(1, 3));
            long catchUpEnds = System.nanoTime() + catchUp.toNanos();
            List<TailLoss> control = new ArrayList<>();
            List<TailLoss> besideStuck = new ArrayList<>();
            for (int a = 0; a < apps.size(); a++) {
                List<LogsTopic.Line> lines = LogsTopic.of(platform.kafka(), apps.get(a));
                stored += lines.size();
                long end = lines.get(lines.size() - 1).offset();
                for (int t = 0; t < tailsPerApp; t++) {
                    SseTail tail = tails.get(a * tailsPerApp + t);
                    if (tail == stuck) {
                        continue;
                    }
                    String name = "tail %d of %s%s".formatted(t, apps.get(a), a == 0 ? " (beside the stuck one)" : "");
                    try {
                        await(name + " reaches the end (never blocked)")
                                .atMost(Duration.ofNanos(Math.max(1, catchUpEnds - System.nanoTime())))
                                .until(() -> !tail.events().isEmpty() && tail.events().get(tail.events().size() - 1).id() >= end);
                    } catch (ConditionTimeoutException behind) {
                        List<SseTail.Event> got = tail.events();
                        throw new AssertionError("%s did not reach offset %d within %s of the load's end: %d events, the last %s; %d connections"
                                .formatted(name, end, catchUp, got.size(), got.isEmpty() ? "none" : "id " + got.get(got.size() - 1).id(),
                                        tail.connections()), behind);
                    }
                    TailLoss loss = TailLoss.of(apps.get(a) + " tail " + t, tail);
                    (a == 0 ? besideStuck : control).add(loss);
                }
            }
            long worstControl = control.stream().mapToLong(TailLoss::skipped).max().orElse(0);
            long controlLosing = control.stream().filter(loss -> loss.skipped() > 0).count();
            long controlSkipped = control.stream().mapToLong(TailLoss::skipped).sum();
            long controlReceived = control.stream().mapToLong(TailLoss::received).sum();
            long controlReported = control.stream().mapToLong(TailLoss::reported).sum();
            System.err.printf("log load: %d lines stored; control tails (other apps): %d of %d lost lines, %d skipped of %d "
                            + "(%.3f %%, L11 reported %d), worst %d; beside the stuck tail: %s; the stuck tail: %d received%n",
                    stored, controlLosing, control.size(), controlSkipped, controlSkipped + controlReceived,
                    100.0 * controlSkipped / Math.max(1, controlSkipped + controlReceived), controlReported, worstControl,
                    besideStuck, stuck.events().size());
            for (TailLoss loss : besideStuck) {
                assertThat(loss.skipped()).as("%s, beside the stuck tail: lines lost, against at most %d by a tail of another app",
                        loss.name(), worstControl).isLessThanOrEqualTo(worstControl);
            }
            List<TailLoss> live = new ArrayList<>(control);
            live.addAll(besideStuck);
            for (TailLoss loss : live) {
                assertThat(loss.outOfOrder()).as("%s: event ids increase", loss.name()).isZero();
                assertThat(loss.skipped()).as("%s: lines it did not get, against those its L11 notices reported", loss.name())
                        .isLessThanOrEqualTo(loss.reported());
            }
            if (Soak.on()) {
                assertThat(loadedP99).as("API p99 under log load, against %.1f ms idle", idleP99).isLessThanOrEqualTo(3 * idleP99);
            }
        } finally {
            tails.forEach(SseTail::close);
        }
    }

    /**
     * What one tail lost: event ids skipped between consecutive events (the lines dropped for it),
     * out of how many received, how many its L11 notices reported, and any id not above its
     * predecessor (never allowed).
     */
    private record TailLoss(String name, long received, long skipped, long reported, int connections, long outOfOrder) {

        static TailLoss of(String name, SseTail tail) {
            List<SseTail.Event> events = tail.events();
            long skipped = 0;
            long outOfOrder = 0;
            for (int i = 1; i < events.size(); i++) {
                long step = events.get(i).id() - events.get(i - 1).id();
                if (step < 1) {
                    outOfOrder++;
                } else {
                    skipped += step - 1;
                }
            }
            return new TailLoss(name, events.size(), skipped, tail.reportedDropped(), tail.connections(), outOfOrder);
        }

        @Override
        public String toString() {
            return name + ": " + skipped + " skipped of " + (received + skipped) + " (L11 reported " + reported + ", "
                    + connections + " connection(s))";
        }
    }

    /** A process's niceness, its session's scheduling group and its CPU cgroup (dyno-runner's DynoPriority sets them). */
    private static String priority(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String nice = stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16];
            Path autogroup = Path.of("/proc/" + pid + "/autogroup");
            String cpuGroup = Files.readAllLines(Path.of("/proc/" + pid + "/cgroup")).stream()
                    .filter(line -> line.matches("\\d+:([^:]*,)?cpu(,[^:]*)?:.*")).findFirst().orElse("none");
            return "niceness " + nice + (Files.exists(autogroup) ? ", " + Files.readString(autogroup).trim() : "")
                    + ", cpu cgroup " + cpuGroup;
        } catch (IOException gone) {
            return "unknown (" + gone.getMessage() + ")";
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
