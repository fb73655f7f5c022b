package dev.jp.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./jp bench [--quick] [NAME...]}: starts its own platform, runs each measure beside the
 * limit it chases (measured in the same run, because these machines are shared and noisy),
 * prints a table, writes {@code bench/results/<time>.json} and draws the charts. {@code --quick}
 * runs each measure briefly to check that it runs; speed is never asserted.
 */
public final class Bench {

    private static final Map<String, Measure> MEASURES = new LinkedHashMap<>();

    static {
        for (Measure measure : List.of(new ApiScaleMeasure(), new RebuildMeasure(),
                new LogThroughputMeasure(), new TailLatencyMeasure(), TailsMeasure.thousand(), TailsMeasure.tenThousand(),
                new CrashRestartMeasure(), new Web100Measure(), new SpawnRateMeasure(),
                new JpPsMeasure(), new MemoryMeasure())) {
            MEASURES.put(measure.name(), measure);
        }
    }

    private Bench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = false;
        List<String> names = new ArrayList<>();
        for (String arg : args) {
            if (arg.equals("--quick")) {
                quick = true;
            } else if (arg.equals("--help") || arg.equals("-h")) {
                System.out.println("usage: ./jp bench [--quick] [" + String.join("|", MEASURES.keySet()) + "]...");
                return;
            } else if (MEASURES.containsKey(arg)) {
                names.add(arg);
            } else {
                System.err.println("bench: unknown measure '" + arg + "'; measures: " + String.join(", ", MEASURES.keySet()));
                System.exit(2);
            }
        }
        if (names.isEmpty()) {
            names.addAll(MEASURES.keySet());
        }
        Path home = Path.of(System.getProperty("jp.home", ".")).toAbsolutePath().normalize();
        List<Result> results = measure(home, names, quick);
        ResultsTable.print(results, System.out);
        Path file = ResultsFile.write(home.resolve("bench/results"), results, quick);
        Charts.draw(home.resolve("bench/results"));
        System.err.println("bench: wrote " + file + " and the charts in bench/results/");
        System.exit(0);
    }

    /** The measures' names, in the order a full run takes them. */
    static List<String> names() {
        return List.copyOf(MEASURES.keySet());
    }

    /** Runs the named measures against a platform of their own, started here and stopped at the end. */
    static List<Result> measure(Path home, List<String> names, boolean quick) throws Exception {
        List<Result> results = new ArrayList<>();
        System.err.println("bench: starting a platform of its own...");
        try (BenchPlatform platform = BenchPlatform.start(home)) {
            for (String name : names) {
                System.err.println("bench: " + name + (quick ? " (quick)" : "") + "...");
                results.addAll(MEASURES.get(name).runAll(platform, quick));
            }
        }
        return results;
    }
}
