package dev.jp.events;

import java.util.Objects;
import java.util.regex.Pattern;

/** The Kafka topics jp uses, their record keys, and the policy each topic is created with. */
public final class Topics {

    /**
     * Every {@link PlatformEvent}, key = app name. Policy: {@code cleanup.policy=delete} with
     * retention forever ({@code retention.ms=-1}, {@code retention.bytes=-1}): never compacted or
     * expired, because replaying it from offset 0 rebuilds every projection and is the audit trail.
     * Written by platform-api (decisions) and dyno-runner (dyno state); read by the projector and
     * audit.
     */
    public static final String PLATFORM_EVENTS = "platform.events";

    /**
     * The desired dynos, one {@link DesiredDyno} per slot, key {@link #desiredDynoKey app/slot}; a
     * tombstone removes a slot. Policy: {@code cleanup.policy=compact}, so a runner that joins reads
     * the current set of slots, not their history. Written by platform-api; read by the dyno-runner
     * consumer group, whose partition assignment decides which runner runs which slot.
     */
    public static final String DYNOS_DESIRED = "dynos.desired";

    /**
     * The latest resource sample of each dyno ({@link DynoStats}), key {@code app/slot}. Policy:
     * {@code cleanup.policy=compact}: only the newest sample matters. Written by dyno-runners; read
     * by platform-api for {@code jp ps}.
     */
    public static final String DYNOS_STATS = "dynos.stats";

    /** Characters Kafka allows in a topic name. */
    private static final Pattern TOPIC_NAME_CHARS = Pattern.compile("[a-zA-Z0-9._-]+");

    private static final String LOGS_PREFIX = "logs.";

    private Topics() {}

    /**
     * The app's log topic, {@code logs.<app>}: one record per log line, key = dyno. Policy:
     * {@code cleanup.policy=delete} with size and time retention (history for {@code jp logs -n},
     * not an archive; drains are the archive). Written and read by log-router.
     *
     * @throws IllegalArgumentException if the app name holds characters Kafka forbids in a topic
     */
    public static String logs(String app) {
        Objects.requireNonNull(app, "app is required");
        if (!TOPIC_NAME_CHARS.matcher(app).matches() || LOGS_PREFIX.length() + app.length() > 249) {
            throw new IllegalArgumentException("app name cannot be part of a Kafka topic name: " + app);
        }
        return LOGS_PREFIX + app;
    }

    /**
     * The key of a slot on {@link #DYNOS_DESIRED}: {@code app/slot}, such as {@code demo/web.1}.
     *
     * @throws IllegalArgumentException if either part is empty or contains {@code /}
     */
    public static String desiredDynoKey(String app, String slot) {
        return new DesiredDynoKey(app, slot).toString();
    }

    /**
     * Parses a key of {@link #DYNOS_DESIRED} back into app and slot.
     *
     * @throws IllegalArgumentException if the key is not {@code app/slot}
     */
    public static DesiredDynoKey parseDesiredDynoKey(String key) {
        Objects.requireNonNull(key, "key is required");
        int slash = key.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("not an app/slot key: " + key);
        }
        return new DesiredDynoKey(key.substring(0, slash), key.substring(slash + 1));
    }

    /**
     * A key of {@link #DYNOS_DESIRED}, split into its parts.
     *
     * @param app the app's name
     * @param slot the dyno slot, such as {@code web.1}
     */
    public record DesiredDynoKey(String app, String slot) {

        public DesiredDynoKey {
            requirePart(app, "app");
            requirePart(slot, "slot");
        }

        private static void requirePart(String part, String name) {
            Objects.requireNonNull(part, () -> name + " is required");
            if (part.isEmpty() || part.indexOf('/') >= 0) {
                throw new IllegalArgumentException(name + " must be non-empty and contain no '/': " + part);
            }
        }

        /** The key as written to Kafka: {@code app/slot}. */
        @Override
        public String toString() {
            return app + "/" + slot;
        }
    }
}
