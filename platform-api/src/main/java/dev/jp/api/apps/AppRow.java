package dev.jp.api.apps;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * The projection of one app: its folded {@link AppState} as JSON (what decisions read) beside the
 * columns queries need. Keyed by name, the key of its events; a destroyed app keeps its row (and
 * its version) until the name is taken again.
 */
@Entity
@Table(name = "apps")
public class AppRow {

    @Id
    public String name;

    @Column(nullable = false)
    public String id;

    @Column(name = "owner_id", nullable = false)
    public String ownerId;

    @Column(nullable = false)
    public long version;

    @Column(nullable = false)
    public boolean destroyed;

    @Column(nullable = false, columnDefinition = "text")
    public String state;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;
}
