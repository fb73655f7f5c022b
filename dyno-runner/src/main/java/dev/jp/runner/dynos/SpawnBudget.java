package dev.jp.runner.dynos;

import java.util.function.LongSupplier;

/**
 * Bounds process starts per runner, so that any number of crash-looping dynos is never a fork
 * bomb: a second's worth of starts may happen at once, after that one per {@code 1/rate} seconds.
 * Callers are told how long to wait, never blocked.
 */
public final class SpawnBudget {

    private final long intervalNanos;
    private final long burstNanos;
    private final LongSupplier nanoClock;
    private long theoretical;

    public SpawnBudget(int perSecond, LongSupplier nanoClock) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("spawns per second must be at least 1");
        }
        this.intervalNanos = 1_000_000_000L / perSecond;
        this.burstNanos = intervalNanos * perSecond;
        this.nanoClock = nanoClock;
        this.theoretical = nanoClock.getAsLong();
    }

    /** Reserves one start; returns how many nanoseconds to wait before it. */
    public synchronized long reserve() {
        long now = nanoClock.getAsLong();
        if (theoretical < now) {
            theoretical = now;
        }
        long wait = Math.max(0, theoretical - burstNanos - now + intervalNanos);
        theoretical += intervalNanos;
        return wait;
    }
}
