package dev.jp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The resident memory (VmRSS) of each service process the bench started (Kafka, log-router,
 * platform-api, dyno-runner): sampled while idle, then while one dyno writes log lines as fast as
 * a shell loop can, so every line goes runner → Kafka → router. One result per service, under
 * load beside idle; there is no goal, the numbers are reported.
 */
final class MemoryMeasure implements Measure {

    private static final Duration INTERVAL = Duration.ofMillis(250);
    private static final String NOISY = "i=0; while :; do echo \"bench log line $i: the quick brown fox jumps over the lazy dog\"; i=$((i+1)); done";

    @Override
    public String name() {
        return "memory";
    }

    /** Memory has a result per service: {@link Bench} calls {@link #runAll}. */
    @Override
    public Result run(BenchPlatform platform, boolean quick) {
        throw new UnsupportedOperationException("memory has one result per service; use runAll");
    }

    @Override
    public List<Result> runAll(BenchPlatform platform, boolean quick) throws Exception {
        Duration idle = Duration.ofSeconds(quick ? 1 : 5);
        Duration load = Duration.ofSeconds(quick ? 3 : 10);
        Map<String, Long> pids = platform.pids();
        Map<String, List<Double>> idleRss = sample(pids, idle);
        String app = platform.appWithRelease("bench-memory", Map.of("noisy", NOISY));
        scale(platform, app, 1);
        awaitUp(platform, app, Duration.ofSeconds(60));
        Map<String, List<Double>> loadRss = sample(pids, load);
        scale(platform, app, 0);
        List<Result> results = new ArrayList<>();
        for (String service : pids.keySet()) {
            results.add(new Result(name() + "-" + service.replaceAll("\\.1$", ""), "MB", Stats.of(loadRss.get(service)),
                    "idle RSS (same process)", Stats.of(idleRss.get(service)), "reported", true));
        }
        return results;
    }

    private static void scale(BenchPlatform platform, String app, int quantity) throws IOException {
        platform.api().call("PATCH", "/apps/" + app + "/formation",
                Map.of("updates", List.of(Map.of("type", "noisy", "quantity", quantity))), 200);
    }

    private static void awaitUp(BenchPlatform platform, String app, Duration timeout) throws IOException {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            for (JsonNode dyno : platform.api().call("GET", "/apps/" + app + "/dynos", null, 200)) {
                if (dyno.path("state").asText().equals("up")) {
                    return;
                }
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        }
        throw new IOException("the noisy dyno of " + app + " was not up within " + timeout.toSeconds() + " s");
    }

    /** VmRSS in MB of each pid, every {@link #INTERVAL} for this long. */
    private static Map<String, List<Double>> sample(Map<String, Long> pids, Duration duration) throws IOException {
        Map<String, List<Double>> samples = new LinkedHashMap<>();
        pids.keySet().forEach(name -> samples.put(name, new ArrayList<>()));
        Instant end = Instant.now().plus(duration);
        do {
            for (Map.Entry<String, Long> pid : pids.entrySet()) {
                samples.get(pid.getKey()).add(rssMb(pid.getValue()));
            }
            LockSupport.parkNanos(INTERVAL.toNanos());
        } while (Instant.now().isBefore(end));
        return samples;
    }

    static double rssMb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }
}
