package dev.jp.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A summary of repeated samples: min, median, p99, max (and how many). For latencies the unit is
 * milliseconds; for rates it is per second, where a higher number is better.
 */
public record Stats(int samples, double min, double median, double p99, double max) {

    public static Stats of(List<Double> values) {
        if (values.isEmpty()) {
            return new Stats(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return new Stats(sorted.size(), sorted.get(0), percentile(sorted, 50), percentile(sorted, 99), sorted.get(sorted.size() - 1));
    }

    /** Nanosecond durations as milliseconds. */
    public static Stats ofNanos(List<Long> nanos) {
        return of(nanos.stream().map(n -> n / 1e6).toList());
    }

    private static double percentile(List<Double> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }
}
