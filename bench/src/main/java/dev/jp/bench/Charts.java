package dev.jp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;

/**
 * Two charts of jp as a share of each limit: {@code latest.png} (the newest full run) and
 * {@code history.png} (every full run, per measure over time). Quick runs are left out: they
 * check that measures run, not how fast.
 */
final class Charts {

    private Charts() {
    }

    static void draw(Path directory) throws IOException {
        System.setProperty("java.awt.headless", "true");
        List<JsonNode> runs = new ArrayList<>();
        try (Stream<Path> files = Files.list(directory)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".json") && !f.toString().endsWith("-quick.json")).sorted().toList()) {
                runs.add(BenchHttp.JSON.readTree(file.toFile()));
            }
        }
        if (runs.isEmpty()) {
            return;
        }
        JsonNode latest = runs.get(runs.size() - 1);
        CategoryChart bars = new CategoryChartBuilder().width(1000).height(480)
                .title("jp as % of the machine's limit, " + latest.path("at").asText())
                .xAxisTitle("measure").yAxisTitle("% of limit (median)").build();
        bars.getStyler().setXAxisLabelRotation(45); // fourteen names side by side overlap otherwise
        bars.getStyler().setLegendVisible(false);
        List<String> names = new ArrayList<>();
        List<Double> ratios = new ArrayList<>();
        latest.path("results").forEach(result -> {
            names.add(result.path("name").asText());
            ratios.add(100 * ratio(result));
        });
        bars.addSeries("jp / limit", names, ratios);
        BitmapEncoder.saveBitmap(bars, directory.resolve("latest").toString(), BitmapEncoder.BitmapFormat.PNG);

        Map<String, List<Date>> times = new LinkedHashMap<>();
        Map<String, List<Double>> values = new LinkedHashMap<>();
        for (JsonNode run : runs) {
            Date at = Date.from(java.time.Instant.parse(run.path("at").asText()));
            run.path("results").forEach(result -> {
                String name = result.path("name").asText();
                times.computeIfAbsent(name, n -> new ArrayList<>()).add(at);
                values.computeIfAbsent(name, n -> new ArrayList<>()).add(100 * ratio(result));
            });
        }
        XYChart history = new XYChartBuilder().width(900).height(420).title("jp as % of the limit, run by run")
                .xAxisTitle("run").yAxisTitle("% of limit (median)").build();
        times.forEach((name, at) -> history.addSeries(name, at, values.get(name)));
        BitmapEncoder.saveBitmap(history, directory.resolve("history").toString(), BitmapEncoder.BitmapFormat.PNG);
    }

    private static double ratio(JsonNode result) {
        double jp = result.path("jp").path("median").asDouble();
        double limit = result.path("limit").path("median").asDouble();
        return result.path("unit").asText().endsWith("/s") ? jp / limit : limit / jp;
    }
}
