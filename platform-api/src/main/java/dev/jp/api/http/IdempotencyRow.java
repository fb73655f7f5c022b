package dev.jp.api.http;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** The first answer to a write that carried an {@code Idempotency-Key}, returned again to its retries. */
@Entity
@Table(name = "idempotent_responses")
public class IdempotencyRow {

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
}
