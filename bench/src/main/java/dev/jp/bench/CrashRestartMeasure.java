package dev.jp.bench;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code kill -9} of a running dyno → its new process exists: from the bench's kill (wall clock,
 * just before the signal) to the runner's {@code starting} fact of the new pid, whose timestamp
 * the runner takes right after the fork returned. So it covers everything the platform does:
 * noticing the exit, deciding to restart, the fresh copy of the slug, the fork. Beside it, in the
 * same run and interleaved with it: {@code ProcessBuilder.start()} of the same command, start →
 * pid.
 *
 * <p>Only a first crash restarts at once (later ones back off), so each dyno is killed once per
 * round, and a restart of all dynos through the API between rounds counts their crashes afresh.
 */
final class CrashRestartMeasure implements Measure {

    static final String COMMAND = "exec sleep 100000";
    private static final Duration WAIT = Duration.ofSeconds(60);

    @Override
    public String name() {
        return "crash-restart";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int dynos = quick ? 8 : 25;
        // 12 rounds counted: 300 kills, so the p99 is the fourth slowest (over 4 rounds, 97 kills, it
        // was the slowest). The first round is a warm-up: the services' JIT compilers, at work on the
        // crash path's code, took a third of the machine then, and scheduling delays of 30-120 ms
        // with it (perf sched), which a platform that has run for a while does not have.
        int rounds = quick ? 1 : 13;
        int warmup = quick ? 3 : dynos;
        String app = platform.appWithRelease("bench-crash", Map.of("worker", COMMAND));
        List<Long> restarts = new ArrayList<>();
        List<Long> forks = new ArrayList<>();
        List<Long> noticed = new ArrayList<>();
        try (DynoFacts facts = new DynoFacts(platform.kafka())) {
            Instant scaled = Instant.now();
            scale(platform, app, "worker", dynos);
            Map<String, Long> pids = pids(facts.reached(app, DynoState.UP, dynos, scaled, WAIT));
            for (int round = 0; round < rounds; round++) {
                if (round > 0) {
                    Instant restarted = Instant.now();
                    platform.api().call("DELETE", "/apps/" + app + "/dynos", null, 202);
                    pids = pids(facts.reached(app, DynoState.UP, dynos, restarted, WAIT));
                }
                for (Map.Entry<String, Long> dyno : new HashMap<>(pids).entrySet()) {
                    long old = dyno.getValue();
                    // The handle first: its lookup (a read of /proc) is the bench's work, not the platform's.
                    ProcessHandle victim = ProcessHandle.of(old).orElseThrow(() -> new IllegalStateException("dyno pid " + old + " is gone"));
                    Instant killedAt = Instant.now();
                    victim.destroyForcibly();
                    DynoStateChanged started = facts.first(app, WAIT, s -> s.dyno().equals(dyno.getKey())
                            && s.state() == DynoState.STARTING && !s.occurredAt().isBefore(killedAt));
                    DynoStateChanged crashed = facts.first(app, WAIT, s -> s.dyno().equals(dyno.getKey())
                            && s.state() == DynoState.CRASHED && s.pid() != null && s.pid() == old);
                    // Settled before the next kill, so no fact of this restart is mistaken for a later one's.
                    facts.first(app, WAIT, s -> s.state() == DynoState.UP && started.pid().equals(s.pid()));
                    // And the API shows it: the projection of one restart does not run into the next kill.
                    awaitApiShows(platform, app, dyno.getKey(), started.pid());
                    if (ProcessHandle.of(started.pid()).isEmpty()) {
                        throw new IllegalStateException("the runner reported pid " + started.pid() + " but it does not exist");
                    }
                    pids.put(dyno.getKey(), started.pid());
                    long fork = ProcessStarts.startToPid(COMMAND);
                    if (warmup > 0) {
                        warmup--;
                        continue;
                    }
                    restarts.add(Duration.between(killedAt, started.occurredAt()).toNanos());
                    noticed.add(Duration.between(killedAt, crashed.occurredAt()).toNanos());
                    forks.add(fork);
                }
            }
            Instant stopped = Instant.now();
            scale(platform, app, "worker", 0);
            facts.reached(app, DynoState.DOWN, dynos, stopped, WAIT);
        }
        Stats jp = Stats.ofNanos(restarts);
        Stats exit = Stats.ofNanos(noticed);
        System.err.printf("bench: crash-restart over %d kills: exit noticed p50 %.2f ms p99 %.2f ms after the kill;"
                + " new process p50 %.2f ms p99 %.2f ms after the kill%n", restarts.size(), exit.median(), exit.p99(),
                jp.median(), jp.p99());
        System.err.println("bench: crash-restart, the five slowest kills, exit noticed / new process (ms): " + slowest(noticed, restarts, 5));
        return new Result(name(), "ms", jp, "ProcessBuilder start -> pid", Stats.ofNanos(forks),
                "p50 <= 10 ms, p99 <= 50 ms", jp.median() <= 10 && jp.p99() <= 50);
    }

    private static void awaitApiShows(BenchPlatform platform, String app, String dyno, long pid) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            com.fasterxml.jackson.databind.JsonNode shown = platform.api().call("GET", "/apps/" + app + "/dynos/" + dyno, null, 200);
            if (shown.path("pid").asLong() == pid && shown.path("state").asText().equals("up")) {
                return;
            }
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException("the API did not show " + dyno + " up with pid " + pid + " within " + WAIT);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(java.time.Duration.ofMillis(2).toNanos());
        }
    }

    private static String slowest(List<Long> noticed, List<Long> restarts, int count) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < restarts.size(); i++) {
            order.add(i);
        }
        order.sort((a, b) -> Long.compare(restarts.get(b), restarts.get(a)));
        StringBuilder text = new StringBuilder();
        for (int i : order.subList(0, Math.min(count, order.size()))) {
            text.append(text.length() == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.1f / %.1f",
                    noticed.get(i) / 1e6, restarts.get(i) / 1e6));
        }
        return text.toString();
    }

    static void scale(BenchPlatform platform, String app, String type, int quantity) throws Exception {
        platform.api().call("PATCH", "/apps/" + app + "/formation",
                Map.of("updates", List.of(Map.of("type", type, "quantity", quantity))), 200);
    }

    private static Map<String, Long> pids(Map<String, DynoStateChanged> ups) {
        Map<String, Long> pids = new HashMap<>();
        ups.forEach((dyno, up) -> pids.put(dyno, up.pid()));
        return pids;
    }
}
