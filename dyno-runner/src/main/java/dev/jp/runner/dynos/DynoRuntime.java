package dev.jp.runner.dynos;

import dev.jp.runner.RunnerConfig;
import dev.jp.runner.attach.RendezvousDialer;
import dev.jp.runner.output.DynoLog;
import dev.jp.runner.slugs.DynoDirectories;
import dev.jp.runner.slugs.SlugCache;
import dev.jp.runner.state.DynoStatePublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.DoubleSupplier;

/**
 * What every dyno of a runner shares: the supervisor thread that owns all dyno state, the I/O pool
 * for fetching and copying slugs, the launcher, and where facts and lines go.
 */
record DynoRuntime(
        ScheduledExecutorService supervisor,
        Executor io,
        SlugCache slugs,
        DynoDirectories directories,
        ProcessLauncher launcher,
        RendezvousDialer rendezvous,
        PortPool ports,
        BindWatch binds,
        LeftoverDynos leftovers,
        SpawnBudget spawns,
        RestartPolicy restarts,
        DynoStatePublisher publisher,
        DynoLog log,
        RunnerConfig.Dynos timings,
        String host,
        Clock clock,
        DoubleSupplier random) {

    /** By lower-case size name: the API spells sizes as Heroku does ({@code Standard-2X}). */
    private static final Map<String, Long> HEROKU_QUOTAS_MB = Map.of("eco", 512L, "basic", 512L, "standard-1x", 512L,
            "standard-2x", 1024L, "performance-m", 2560L, "performance-l", 14336L);

    /** The memory quota of a dyno size, in bytes. */
    long memoryQuota(String size) {
        long mb = timings.memoryQuotaMb().getOrDefault(size,
                HEROKU_QUOTAS_MB.getOrDefault(size.toLowerCase(java.util.Locale.ROOT), 512L));
        return mb * 1024 * 1024;
    }

    Duration stopGrace(String processType) {
        return timings.stopGraceByType().getOrDefault(processType, timings.stopGrace());
    }
}
