package dev.jp.bench;

import java.io.PrintStream;
import java.util.List;

/** The bench's table: each measure, jp beside its limit, the ratio and the goal. */
final class ResultsTable {

    private ResultsTable() {
    }

    static void print(List<Result> results, PrintStream out) {
        String format = "%-14s %-9s %12s %12s   %-32s %12s %7s   %-20s %s%n";
        out.printf(format, "measure", "unit", "jp median", "jp p99", "limit", "limit median", "ratio", "goal", "met");
        for (Result r : results) {
            out.printf(format, r.name(), r.unit(), number(r.jp().median()), number(r.jp().p99()), r.limitName(),
                    number(r.limit().median()), String.format("%.0f%%", 100 * r.ratio()), r.goal(), r.met() ? "yes" : "no");
            r.also().forEach((name, stats) -> out.printf(format, "", "", "", "", "  " + name, number(stats.median()), "", "", ""));
        }
    }

    private static String number(double value) {
        return value >= 1000 ? String.format("%,.0f", value) : String.format("%.2f", value);
    }
}
