package dev.jp.api.slugs;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A slug that was asked for ({@code POST /apps/{app}/slugs}) and whose tarball has not arrived yet.
 * Not an event: nothing happened to the app until the tarball is stored, which appends {@code slug.created.v1}.
 */
@Entity
@Table(name = "slug_uploads")
public class SlugUploadRow {

    @Id
    public String id;

    @Column(name = "app_name", nullable = false)
    public String appName;

    /** Declared process types (JSON), or null to read them from the tarball's Procfile. */
    @Column(name = "process_types", columnDefinition = "text")
    public String processTypes;

    public String commit;

    @Column(name = "commit_description")
    public String commitDescription;

    /** Who asked for the slug: the actor of its {@code slug.created.v1}. */
    @Column(name = "by_email", nullable = false)
    public String byEmail;

    /** The checksum the client announced, checked against the upload; or null. */
    public String checksum;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
