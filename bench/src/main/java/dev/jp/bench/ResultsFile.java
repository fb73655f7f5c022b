package dev.jp.bench;

import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** {@code bench/results/<yyyyMMdd-HHmmss>.json}: the results, with the machine's cores and load. */
final class ResultsFile {

    private static final DateTimeFormatter NAME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

    private ResultsFile() {
    }

    static Path write(Path directory, List<Result> results, boolean quick) throws IOException {
        Files.createDirectories(directory);
        Instant now = Instant.now();
        ObjectNode root = BenchHttp.JSON.createObjectNode();
        root.put("at", now.toString());
        root.put("quick", quick);
        ObjectNode machine = root.putObject("machine");
        machine.put("cores", Runtime.getRuntime().availableProcessors());
        machine.put("load", ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        machine.put("java", System.getProperty("java.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        root.set("results", BenchHttp.JSON.valueToTree(results));
        Path file = directory.resolve(NAME.format(now) + (quick ? "-quick" : "") + ".json");
        BenchHttp.JSON.writer(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), root);
        return file;
    }
}
