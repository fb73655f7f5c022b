package dev.jp.bench;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies recorded from many threads at once, in 0.1 ms buckets up to 60 s: a thousand tails
 * deliver millions of lines, too many to keep each one.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 100_000;
    private final AtomicLongArray buckets = new AtomicLongArray(600_000);
    private final AtomicLong count = new AtomicLong();
    private final AtomicLong min = new AtomicLong(Long.MAX_VALUE);
    private final AtomicLong max = new AtomicLong();

    void record(long nanos) {
        long n = Math.max(0, nanos);
        buckets.incrementAndGet((int) Math.min(buckets.length() - 1, n / BUCKET_NANOS));
        count.incrementAndGet();
        min.accumulateAndGet(n, Math::min);
        max.accumulateAndGet(n, Math::max);
    }

    long count() {
        return count.get();
    }

    /** In milliseconds; percentiles to the bucket's upper edge. */
    Stats stats() {
        long total = count.get();
        if (total == 0) {
            return Stats.of(java.util.List.of());
        }
        return new Stats((int) Math.min(Integer.MAX_VALUE, total), min.get() / 1e6, percentile(total, 50),
                percentile(total, 99), max.get() / 1e6);
    }

    private double percentile(long total, int p) {
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return (i + 1) * BUCKET_NANOS / 1e6;
            }
        }
        return max.get() / 1e6;
    }
}
