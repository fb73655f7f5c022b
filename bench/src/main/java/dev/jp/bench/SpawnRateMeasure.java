package dev.jp.bench;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * How fast the runner starts dynos when asked for many at once ({@code ps:scale worker=100}):
 * processes started per second, between the runner's first and last {@code starting} fact. Beside
 * it, in the same run: the same command started 100 times in a row with {@code ProcessBuilder}.
 */
final class SpawnRateMeasure implements Measure {

    private static final int DYNOS = 100;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "spawn-rate";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int repetitions = quick ? 1 : 5;
        String app = platform.appWithRelease("bench-spawn", Map.of("worker", CrashRestartMeasure.COMMAND));
        List<Double> jpRates = new ArrayList<>();
        List<Double> limitRates = new ArrayList<>();
        try (DynoFacts facts = new DynoFacts(platform.kafka())) {
            for (int i = 0; i < repetitions; i++) {
                Instant scaled = Instant.now();
                CrashRestartMeasure.scale(platform, app, "worker", DYNOS);
                List<Instant> forks = new ArrayList<>(facts.reached(app, DynoState.STARTING, DYNOS, scaled, WAIT).values()
                        .stream().map(DynoStateChanged::occurredAt).toList());
                Collections.sort(forks);
                double seconds = Duration.between(forks.get(0), forks.get(DYNOS - 1)).toNanos() / 1e9;
                jpRates.add((DYNOS - 1) / seconds);
                Instant stopped = Instant.now();
                CrashRestartMeasure.scale(platform, app, "worker", 0);
                facts.reached(app, DynoState.DOWN, DYNOS, stopped, WAIT);
                long nanos = ProcessStarts.sequentialStarts(CrashRestartMeasure.COMMAND, Collections.nCopies(DYNOS, Map.of()));
                limitRates.add(DYNOS / (nanos / 1e9));
            }
        }
        Stats jp = Stats.of(jpRates);
        Stats limit = Stats.of(limitRates);
        return new Result(name(), "spawns/s", jp, "sequential ProcessBuilder starts", limit, "reported", true);
    }
}
