package dev.jp.bench;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Latencies recorded from many threads at once, in 0.1 ms buckets up to 60 s: a thousand tails
 * deliver millions of lines, too many to keep each one.
 */
final class LatencyHistogram {

    private static final long BUCKET_NANOS = 100_000;
    private final AtomicLongArray buckets = new AtomicLongArray(600_000);
    /** One atomic increment per sample, spread over buckets: tails on many threads barely contend. */
    void record(long nanos) {
        buckets.incrementAndGet((int) Math.min(buckets.length() - 1, Math.max(0, nanos) / BUCKET_NANOS));
    }

    /** In milliseconds, each to its bucket's upper edge (min and max too). */
    Stats stats() {
        long total = 0;
        int first = -1;
        int last = -1;
        for (int i = 0; i < buckets.length(); i++) {
            long n = buckets.get(i);
            if (n > 0) {
                total += n;
                first = first < 0 ? i : first;
                last = i;
            }
        }
        if (total == 0) {
            return Stats.of(java.util.List.of());
        }
        return new Stats((int) Math.min(Integer.MAX_VALUE, total), edge(first), percentile(total, 50),
                percentile(total, 99), edge(last));
    }

    private double percentile(long total, int p) {
        long rank = (long) Math.ceil(p / 100.0 * total);
        long seen = 0;
        for (int i = 0; i < buckets.length(); i++) {
            seen += buckets.get(i);
            if (seen >= rank) {
                return edge(i);
            }
        }
        return edge(buckets.length() - 1);
    }

    private static double edge(int bucket) {
        return (bucket + 1) * BUCKET_NANOS / 1e6;
    }
}
