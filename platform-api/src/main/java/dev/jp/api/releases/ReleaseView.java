package dev.jp.api.releases;

import dev.jp.api.apps.AppState;
import dev.jp.api.http.Ref;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A release as the Heroku Platform API shows it. */
public record ReleaseView(String id, int version, String description, String status, boolean current,
                          boolean eligibleForRollback, User user, SlugRef slug, Ref app, List<String> addonPlanNames,
                          Instant createdAt, Instant updatedAt, String outputStreamUrl) {

    public record User(String id, String email) {
    }

    public record SlugRef(String id) {
    }

    public static ReleaseView of(ReleaseRow row, AppState app) {
        boolean current = app.release() != null && app.release().version() == row.version;
        String userId = UUID.nameUUIDFromBytes(row.byEmail.getBytes(StandardCharsets.UTF_8)).toString();
        return new ReleaseView(row.id, row.version, row.description, "succeeded", current,
                row.slugId != null && !current, new User(userId, row.byEmail),
                row.slugId == null ? null : new SlugRef(row.slugId), new Ref(app.id(), app.name()), List.of(),
                row.createdAt, row.createdAt, null);
    }
}
