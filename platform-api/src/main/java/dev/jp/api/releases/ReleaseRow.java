package dev.jp.api.releases;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One release of one app incarnation ({@code app_id}), never changed once written. */
@Entity
@Table(name = "releases")
public class ReleaseRow {

    @Id
    public String id;

    @Column(name = "app_id", nullable = false)
    public String appId;

    @Column(name = "app_name", nullable = false)
    public String appName;

    @Column(nullable = false)
    public int version;

    @Column(name = "slug_id")
    public String slugId;

    @Column(nullable = false)
    public String description;

    @Column(name = "rollback_of")
    public Integer rollbackOf;

    /** The release's config vars, JSON. */
    @Column(nullable = false, columnDefinition = "text")
    public String config;

    /** The release's process types, JSON. */
    @Column(name = "process_types", nullable = false, columnDefinition = "text")
    public String processTypes;

    @Column(name = "by_email", nullable = false)
    public String byEmail;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
