package dev.jp.api.eventlog;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The next offset to project, per partition of {@code platform.events}; written in the same
 * transaction as the rows an event changes, so a restart neither loses nor repeats an event.
 */
@Entity
@Table(name = "projector_offsets")
public class ProjectorOffsetRow {

    @Id
    public int partition;

    @Column(name = "next_offset", nullable = false)
    public long nextOffset;
}
