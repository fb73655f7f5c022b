package dev.jp.events.logplex;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * How long a token's shipping pauses after its n-th failed request in a row: {@code first × 2ⁿ⁻¹},
 * at most {@code max}, each pause drawn between half of that and all of it. The doubling keeps an
 * absent router (or one whose Kafka is down) from being hammered by every runner at once; the cap
 * bounds how late lines arrive once it is back; the spread keeps the runners of a grid, which all
 * lost the router at the same moment, from coming back in lockstep.
 */
final class RetryBackoff {

    private final long firstNanos;
    private final long maxNanos;
    private final DoubleSupplier random;

    RetryBackoff(Duration first, Duration max) {
        this(first, max, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** @param random values in [0, 1): where in its range each pause falls */
    RetryBackoff(Duration first, Duration max, DoubleSupplier random) {
        this.firstNanos = Objects.requireNonNull(first, "first is required").toNanos();
        this.maxNanos = Objects.requireNonNull(max, "max is required").toNanos();
        if (firstNanos <= 0 || maxNanos < firstNanos) {
            throw new IllegalArgumentException("back-off must be positive and its cap at least the first pause: " + first + ", " + max);
        }
        this.random = random;
    }

    /** The pause after {@code failures} (≥ 1) failed requests in a row, in nanoseconds. */
    long pauseNanos(int failures) {
        long ceiling = maxNanos;
        if (failures < 63) {
            long doubled = firstNanos << Math.max(0, failures - 1);
            if (doubled > 0 && doubled >>> Math.max(0, failures - 1) == firstNanos) { // no overflow
                ceiling = Math.min(maxNanos, doubled);
            }
        }
        return ceiling / 2 + (long) (random.getAsDouble() * (ceiling - ceiling / 2));
    }
}
