package dev.jp.api.slugs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A slug whose tarball was uploaded, checked and stored (projected from {@code slug.created.v1}). */
@Entity
@Table(name = "slugs")
public class SlugRow {

    @Id
    public String id;

    @Column(name = "app_name", nullable = false)
    public String appName;

    @Column(name = "process_types", nullable = false, columnDefinition = "text")
    public String processTypes;

    @Column(nullable = false)
    public String checksum;

    @Column(nullable = false)
    public long size;

    public String commit;

    @Column(name = "commit_description")
    public String commitDescription;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
