package dev.jp.bench;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Lines per second from one dyno's stdout to a tail client: a real dyno of a real app prints
 * {@code N} lines as fast as it can; they go through its runner (output pump, log shipper), the
 * intake, Kafka and the app's follower to an SSE tail opened through the API. The rate is the
 * lines the tail got over the time from the first to the last. Beside it, in the same run: the raw
 * Kafka producer rate (a producer configured as the router's, the same record size) and the raw
 * pipe rate (the same program's stdout read by a plain reader). Lines the tail never got (a
 * runner's shipper drops its oldest when the intake falls behind, and says so with L12) are
 * reported as lost.
 */
final class LogThroughputMeasure implements Measure {

    @Override
    public String name() {
        return "log-throughput";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int lines = quick ? 20_000 : 200_000;
        int repetitions = quick ? 1 : 3;
        Map<String, String> types = new LinkedHashMap<>();
        for (int r = 0; r < repetitions; r++) {
            // One process type per repetition, numbering its lines from its own base.
            types.put("burst" + r, printer(base(r), lines) + "; exec sleep 100000");
        }
        String app = platform.appWithRelease("bench-log-throughput", types);
        String token = LogTraffic.intakeToken(platform.kafka(), app);
        String topic = LogTraffic.topic(platform.kafka(), "bench.log-throughput");
        byte[] value = LogTraffic.recordValue(base(0) + " " + LogTraffic.PADDING);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LogTraffic.awaitKnown(http, platform.logRouterUrl(), token);

        List<Double> jp = new ArrayList<>();
        List<Double> lost = new ArrayList<>();
        List<Double> kafka = new ArrayList<>();
        List<Double> pipe = new ArrayList<>();
        for (int r = 0; r < repetitions; r++) {
            String type = "burst" + r;
            long base = base(r);
            AtomicLong probes = new AtomicLong();
            AtomicLong received = new AtomicLong();
            AtomicLong first = new AtomicLong();
            AtomicLong last = new AtomicLong();
            AtomicLong highest = new AtomicLong(-1);
            String url = LogTraffic.logSession(platform, app, Map.of("tail", true, "lines", 0, "source", "app"));
            try (TailClient tail = TailClient.open(http, url, (seq, sent, at) -> {
                if (seq < base || seq >= base + lines) {
                    probes.incrementAndGet();
                    return;
                }
                if (received.getAndIncrement() == 0) {
                    first.set(at);
                }
                last.set(at);
                highest.accumulateAndGet(seq, Math::max);
            })) {
                // The stream follows live before the dyno starts, so every line arrives as it is shipped.
                LogTraffic.awaitFollowing(http, platform.logRouterUrl(), token, () -> probes.get() > 0);
                platform.api().call("PATCH", "/apps/" + app + "/formation",
                        Map.of("updates", List.of(Map.of("type", type, "quantity", 1))), 200);
                awaitLast(received, highest, base + lines - 1);
                platform.api().call("PATCH", "/apps/" + app + "/formation",
                        Map.of("updates", List.of(Map.of("type", type, "quantity", 0))), 200);
            }
            long count = received.get();
            jp.add(count < 2 ? 0 : (count - 1) / ((last.get() - first.get()) / 1e9));
            lost.add((double) (lines - count));
            kafka.add(LogTraffic.rawProducerRate(platform.kafka(), topic, lines, value));
            pipe.add(pipeRate(printer(base, lines), lines));
        }
        Stats rate = Stats.of(jp);
        Stats raw = Stats.of(kafka);
        Map<String, Stats> also = new LinkedHashMap<>();
        also.put("raw pipe (lines/s)", Stats.of(pipe));
        also.put("lines lost of " + lines, Stats.of(lost));
        return new Result(name(), "lines/s", rate, "raw Kafka producer, acks=all", raw, ">= 50% of raw Kafka",
                rate.median() >= raw.median() / 2, also);
    }

    /** Repetition r's lines are numbered from here: apart from the others' and from probes (0). */
    private static long base(int repetition) {
        return (repetition + 1) * 10_000_000L;
    }

    /** {@code <n> xxx...}, n from {@code base}, as fast as {@code seq} writes. */
    private static String printer(long base, int lines) {
        return "seq -f '%.0f " + LogTraffic.PADDING + "' " + base + " " + (base + lines - 1);
    }

    /** Until the last line arrives, or nothing has for 10 s (lines lost at the end). */
    private static void awaitLast(AtomicLong received, AtomicLong highest, long lastSeq) {
        Instant deadline = Instant.now().plusSeconds(120);
        long seen = -1;
        Instant progress = Instant.now();
        while (highest.get() < lastSeq && Instant.now().isBefore(deadline)) {
            long now = received.get();
            if (now != seen) {
                seen = now;
                progress = Instant.now();
            } else if (now > 0 && Duration.between(progress, Instant.now()).toSeconds() >= 10) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    /** The same program's stdout read line by line by this JVM: what a pipe allows. */
    private static double pipeRate(String printer, int lines) throws Exception {
        Process process = new ProcessBuilder("/bin/sh", "-c", printer).redirectErrorStream(true).start();
        long count = 0;
        long first = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            while (out.readLine() != null) {
                if (count++ == 0) {
                    first = System.nanoTime();
                }
            }
        }
        long elapsed = System.nanoTime() - first;
        process.waitFor();
        return count < 2 ? 0 : (count - 1) / (elapsed / 1e9);
    }
}
