package dev.jp.events;

import java.util.Map;
import java.util.Objects;

/**
 * How a topic is created: its partitions and its configs. Every service creates the topics it
 * uses on start, idempotently, from these policies, so no start order between services matters.
 *
 * @param name       the topic
 * @param partitions how many partitions; the unit of parallelism (projector, runner placement)
 * @param configs    topic configs such as {@code cleanup.policy}
 */
public record TopicPolicy(String name, int partitions, Map<String, String> configs) {

    /** Seven days: how long a log line stays, unless configured otherwise. */
    public static final long DEFAULT_LOG_RETENTION_MS = 7L * 24 * 60 * 60 * 1000;
    /** One GiB: how much log an app keeps, unless configured otherwise. */
    public static final long DEFAULT_LOG_RETENTION_BYTES = 1L << 30;

    public TopicPolicy {
        Objects.requireNonNull(name, "name is required");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1, was " + partitions);
        }
        configs = Map.copyOf(configs);
    }

    /** {@value Topics#PLATFORM_EVENTS}: delete, retention forever; never compacted or expired. */
    public static TopicPolicy platformEvents() {
        return new TopicPolicy(Topics.PLATFORM_EVENTS, 6,
                Map.of("cleanup.policy", "delete", "retention.ms", "-1", "retention.bytes", "-1"));
    }

    /**
     * {@value Topics#DYNOS_DESIRED}: compacted. Twelve partitions, so a group of runners can share
     * the slots evenly, and a joining runner takes over only a few.
     */
    public static TopicPolicy dynosDesired() {
        return new TopicPolicy(Topics.DYNOS_DESIRED, 12,
                Map.of("cleanup.policy", "compact", "min.compaction.lag.ms", "0", "segment.ms", "3600000"));
    }

    /** {@value Topics#DYNOS_STATS}: compacted, so it holds one sample per dyno. */
    public static TopicPolicy dynosStats() {
        return new TopicPolicy(Topics.DYNOS_STATS, 6, Map.of("cleanup.policy", "compact", "segment.ms", "3600000"));
    }

    /** {@code logs.<app>}: delete, with time and size retention. One partition keeps an app's lines in order. */
    public static TopicPolicy logs(String app, long retentionMs, long retentionBytes) {
        return new TopicPolicy(Topics.logs(app), 1, Map.of("cleanup.policy", "delete",
                "retention.ms", Long.toString(retentionMs), "retention.bytes", Long.toString(retentionBytes)));
    }
}
