package dev.jp.api.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/**
 * An applied event, as it stands in {@code platform.events} (partition, offset, JSON): the audit
 * stream's index, so history queries by app, type and time need not scan the topic.
 */
@Entity
@Table(name = "events")
@IdClass(EventRow.Key.class)
public class EventRow {

    @Id
    public int partition;

    @Id
    @Column(name = "log_offset")
    public long offset;

    @Column(name = "app_name", nullable = false)
    public String appName;

    @Column(nullable = false)
    public String type;

    @Column(name = "by_actor", nullable = false)
    public String by;

    @Column(name = "occurred_at", nullable = false)
    public Instant occurredAt;

    @Column(nullable = false, columnDefinition = "text")
    public String json;

    /** The composite key: where the event stands in the topic. */
    public static class Key implements Serializable {
        public int partition;
        public long offset;

        public Key() {
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key key && partition == key.partition && offset == key.offset;
        }

        @Override
        public int hashCode() {
            return Objects.hash(partition, offset);
        }
    }
}
