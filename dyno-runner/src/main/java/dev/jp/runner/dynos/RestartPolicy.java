package dev.jp.runner.dynos;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * When a crashed dyno starts again: the first crash at once, then {@code initial} doubling per
 * consecutive crash up to {@code max}, each delay spread by ±{@code jitter}; a dyno that was up
 * for {@code forgiveAfter} before it crashed counts afresh.
 */
public record RestartPolicy(Duration initial, Duration max, double jitter, Duration forgiveAfter) {

    /** The consecutive crash count after a crash of a dyno that was up for {@code upFor}. */
    public int crashesAfter(int previous, Duration upFor) {
        return upFor.compareTo(forgiveAfter) >= 0 ? 1 : previous + 1;
    }

    /**
     * The least time from the next crash of a dyno with {@code consecutive} crashes in a row (0:
     * none) to its restart: zero for one that has not crashed, whose first crash restarts at once.
     */
    public Duration leastDelayAfterNextCrash(int consecutive) {
        return delayAfter(consecutive + 1, () -> 0.0);
    }

    /**
     * The delay before restarting after the {@code consecutive}th crash in a row (1-based).
     *
     * @param random uniform in [0, 1), for the jitter
     */
    public Duration delayAfter(int consecutive, DoubleSupplier random) {
        if (consecutive <= 1) {
            return Duration.ZERO;
        }
        double base = initial.toNanos() * Math.pow(2, Math.min(consecutive - 2, 40));
        double capped = Math.min(base, max.toNanos());
        double spread = capped * jitter * (2 * random.getAsDouble() - 1);
        return Duration.ofNanos(Math.max(0, Math.round(capped + spread)));
    }
}
