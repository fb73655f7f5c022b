package dev.jp.events;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks and defensive copies shared by the compact constructors of the event records. Messages
 * name the field ({@code "slugId is required"}), so a decoding error says what is missing.
 */
final class Fields {

    private Fields() {}

    /** Checks the fields every {@link PlatformEvent} has; {@code appVersion} may be null. */
    static void requireCommon(String app, String by, Instant occurredAt) {
        required(app, "app");
        required(by, "by");
        required(occurredAt, "occurredAt");
    }

    static <T> T required(T value, String name) {
        return Objects.requireNonNull(value, () -> name + " is required");
    }

    /** An unmodifiable copy that keeps the iteration order of {@code map}; no null keys or values. */
    static Map<String, String> orderedCopy(Map<String, String> map, String name) {
        required(map, name);
        map.forEach((key, value) -> {
            required(key, "a key of " + name);
            required(value, name + "." + key);
        });
        return Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    /** An unmodifiable copy of {@code list}, which must not contain nulls. */
    static <T> List<T> listCopy(List<T> list, String name) {
        required(list, name);
        list.forEach(element -> required(element, "an element of " + name));
        return Collections.unmodifiableList(new ArrayList<>(list));
    }

    static int atLeast(int value, int minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }

    static long atLeast(long value, long minimum, String name) {
        if (value < minimum) {
            throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
        }
        return value;
    }
}
