package dev.jp.api.http;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heroku's list paging: a {@code Range} header such as {@code version ..; max=15, order=desc} or
 * {@code version ]3..; max=15, order=desc} (exclusive start), answered with a page and, only when
 * more items remain, a {@code Next-Range} (a {@code Next-Range} on the last page makes the Heroku
 * CLI ask forever).
 */
public record Range(String field, String start, boolean exclusive, int max, boolean descending) {

    public static final int DEFAULT_MAX = 200;
    public static final int LIMIT = 1000;
    private static final Pattern FORM = Pattern.compile("^\\s*(\\w+)\\s*(\\]?)([^.;\\s]*)\\s*\\.\\.\\s*[^;]*(?:;(.*))?$");

    /** A page and the header that asks for the next one, or null when this page is the last. */
    public record Page<T>(List<T> items, String nextRange) {
    }

    public static Range parse(String header, String defaultField) {
        if (header == null || header.isBlank()) {
            return new Range(defaultField, "", false, DEFAULT_MAX, false);
        }
        Matcher match = FORM.matcher(header);
        if (!match.matches()) {
            throw ApiException.badRequest("Invalid Range header: " + header);
        }
        int max = DEFAULT_MAX;
        boolean descending = false;
        if (match.group(4) != null) {
            for (String option : match.group(4).split(",")) {
                String[] kv = option.trim().split("=", 2);
                if (kv.length == 2 && kv[0].trim().equals("max")) {
                    try {
                        max = Math.max(1, Math.min(LIMIT, Integer.parseInt(kv[1].trim())));
                    } catch (NumberFormatException e) {
                        throw ApiException.badRequest("Invalid max in Range header: " + header);
                    }
                } else if (kv.length == 2 && kv[0].trim().equals("order")) {
                    descending = kv[1].trim().equalsIgnoreCase("desc");
                }
            }
        }
        return new Range(match.group(1), match.group(3), !match.group(2).isEmpty(), max, descending);
    }

    /** Pages {@code items} by a numeric key (a release version, an event offset). */
    public <T> Page<T> page(List<T> items, Function<T, Long> key) {
        Comparator<T> order = Comparator.comparing(key);
        List<T> sorted = new ArrayList<>(items);
        sorted.sort(descending ? order.reversed() : order);
        List<T> after = sorted;
        if (!start.isEmpty()) {
            long from = parseStart();
            after = sorted.stream().filter(item -> {
                long k = key.apply(item);
                int cmp = descending ? Long.compare(from, k) : Long.compare(k, from);
                return exclusive ? cmp > 0 : cmp >= 0;
            }).toList();
        }
        List<T> page = after.subList(0, Math.min(max, after.size()));
        String next = after.size() > page.size()
                ? field + " ]" + key.apply(page.get(page.size() - 1)) + ".." + "; max=" + max + (descending ? ", order=desc" : "")
                : null;
        return new Page<>(page, next);
    }

    private long parseStart() {
        try {
            return Long.parseLong(start);
        } catch (NumberFormatException e) {
            throw ApiException.badRequest("Invalid Range start: " + start);
        }
    }
}
