package dev.jp.cli;

import dev.jp.cli.api.Json;
import dev.jp.cli.api.Node;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Heroku's text shapes: {@code === Header}, aligned {@code Key: value} blocks, and times with their age. */
public final class Output {

    private static final DateTimeFormatter HEROKU_TIME = DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss");

    private Output() {
    }

    public static void header(PrintStream out, String title) {
        out.println("=== " + title);
    }

    /** Keys padded so the values line up, as {@code heroku apps:info} prints them. */
    public static void keyValues(PrintStream out, Map<String, String> values) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        values.forEach((key, value) -> out.println(String.format("%-" + width + "s %s", key + ":", value)));
    }

    public static void json(PrintStream out, Node node) {
        out.println(Json.pretty(node.value()));
    }

    public static void json(PrintStream out, Object value) {
        out.println(Json.pretty(value));
    }

    /** {@code 2026/11/21 10:14:40 (~ 3m ago)} in the local zone. */
    public static String timeAndAge(String iso, Instant now) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        Instant time = Instant.parse(iso);
        return HEROKU_TIME.format(time.atZone(ZoneId.systemDefault())) + " (~ " + age(Duration.between(time, now)) + " ago)";
    }

    public static String time(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        return HEROKU_TIME.format(Instant.parse(iso).atZone(ZoneId.systemDefault()));
    }

    public static String age(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + "s";
        }
        if (seconds < 3600) {
            return seconds / 60 + "m";
        }
        if (seconds < 86_400) {
            return seconds / 3600 + "h";
        }
        return seconds / 86_400 + "d";
    }

    /** Rows as columns separated by two spaces, each as wide as its widest cell. */
    public static void table(PrintStream out, List<List<String>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        int columns = rows.get(0).size();
        int[] widths = new int[columns];
        for (List<String> row : rows) {
            for (int i = 0; i < columns; i++) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(i == columns - 1 ? row.get(i) : String.format("%-" + widths[i] + "s  ", row.get(i)));
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
