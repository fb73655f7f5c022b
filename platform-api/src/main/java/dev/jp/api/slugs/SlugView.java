package dev.jp.api.slugs;

import dev.jp.api.http.Ref;
import java.time.Instant;
import java.util.Map;

/** A slug as the Heroku Platform API shows it; {@code blob} says where to PUT the tarball. */
public record SlugView(String id, Blob blob, String buildpackProvidedDescription, String checksum, String commit,
                       String commitDescription, Map<String, String> processTypes, Long size, Ref stack,
                       Instant createdAt, Instant updatedAt) {

    public record Blob(String method, String url) {
    }
}
