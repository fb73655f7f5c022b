package dev.jp.api.accounts;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** An account and the SHA-256 of its API token; the token itself is never stored. */
@Entity
@Table(name = "accounts")
public class AccountRow {

    @Id
    public String id;

    @Column(nullable = false, unique = true)
    public String email;

    @Column(name = "token_hash", nullable = false, unique = true)
    public String tokenHash;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
