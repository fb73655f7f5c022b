package dev.jp.cli;

import dev.jp.cli.api.Json;
import dev.jp.cli.api.Node;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;

/**
 * Heroku's text shapes: {@code === Header}, aligned {@code Key: value} blocks, and times with their
 * age. Written without String.format and java.time.format, whose first use costs a cold jp tens
 * of milliseconds (a measured share of {@code jp ps}).
 */
public final class Output {

    private Output() {
    }

    public static void header(PrintStream out, String title) {
        out.println("=== " + title);
    }

    /** Keys padded so the values line up, as {@code heroku apps:info} prints them. */
    public static void keyValues(PrintStream out, Map<String, String> values) {
        int width = values.keySet().stream().mapToInt(String::length).max().orElse(0) + 1;
        values.forEach((key, value) -> out.println(pad(key + ":", width) + " " + value));
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
        Instant time = instant(iso);
        return time(time) + " (~ " + age(Duration.between(time, now)) + " ago)";
    }

    public static String time(String iso) {
        if (iso == null || iso.isEmpty()) {
            return "";
        }
        return time(instant(iso));
    }

    /**
     * {@code 2026/11/21 10:14:40} in the local zone. The offset comes from {@link TimeZone} alone:
     * {@code ZoneId.systemDefault()} reads the zone through TimeZone too, then loads java.time's own
     * copy of the time zone database as well (TzdbZoneRulesProvider), a share of a cold {@code jp ps}.
     */
    static String time(Instant instant) {
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(TimeZone.getDefault().getOffset(instant.toEpochMilli()) / 1000);
        LocalDateTime t = LocalDateTime.ofInstant(instant, offset);
        return t.getYear() + "/" + two(t.getMonthValue()) + "/" + two(t.getDayOfMonth()) + " "
                + two(t.getHour()) + ":" + two(t.getMinute()) + ":" + two(t.getSecond());
    }

    /** The API's timestamps, {@code 2026-11-21T04:49:12.971182Z}; any other ISO instant through {@link Instant#parse}. */
    public static Instant instant(String iso) {
        int length = iso.length();
        if (length >= 20 && iso.charAt(4) == '-' && iso.charAt(7) == '-' && iso.charAt(10) == 'T' && iso.charAt(13) == ':'
                && iso.charAt(16) == ':' && iso.charAt(length - 1) == 'Z' && (length == 20 || iso.charAt(19) == '.')) {
            try {
                LocalDateTime t = LocalDateTime.of(digits(iso, 0, 4), digits(iso, 5, 7), digits(iso, 8, 10),
                        digits(iso, 11, 13), digits(iso, 14, 16), digits(iso, 17, 19));
                String fraction = length == 20 ? "" : iso.substring(20, length - 1);
                if (fraction.length() <= 9) {
                    return t.toInstant(ZoneOffset.UTC).plusNanos(digits(fraction + "000000000", 0, 9));
                }
            } catch (RuntimeException e) {
                // not the usual shape after all
            }
        }
        return Instant.parse(iso);
    }

    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new NumberFormatException(text);
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static String two(int value) {
        return value < 10 ? "0" + value : Integer.toString(value);
    }

    /** The text, then spaces up to this width. */
    public static String pad(String text, int width) {
        StringBuilder padded = new StringBuilder(text);
        while (padded.length() < width) {
            padded.append(' ');
        }
        return padded.toString();
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
                line.append(i == columns - 1 ? row.get(i) : pad(row.get(i), widths[i]) + "  ");
            }
            out.println(line.toString().stripTrailing());
        }
    }
}
