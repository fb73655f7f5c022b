package dev.jp.api.http;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The first answer to a write that carried an {@code Idempotency-Key}, returned again to its retries.
 * The projector writes the row first, when it applies the request's event ({@link #APPLIED}, with the
 * event's position and app); the answer is filled in once it is sent. A row still at {@link #APPLIED}
 * means the change happened but its answer was lost (the client saw a 503).
 */
@Entity
@Table(name = "idempotent_responses")
public class IdempotencyRow {

    /** {@link #status} of a request whose event is applied and whose answer is not stored yet. */
    public static final int APPLIED = 0;

    /** {@code <account id>:<key>}: keys are per account. */
    @Id
    public String key;

    @Column(name = "request", nullable = false)
    public String request;

    @Column(nullable = false)
    public int status;

    @Column(columnDefinition = "text")
    public String body;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    /** The app the request's event changed; null for answers that appended nothing. */
    @Column(name = "app_name")
    public String appName;

    /** Where the request's first event is in {@code platform.events}; a later copy of it is a retry's. */
    @Column(name = "event_partition")
    public Integer eventPartition;

    @Column(name = "event_offset")
    public Long eventOffset;
}
