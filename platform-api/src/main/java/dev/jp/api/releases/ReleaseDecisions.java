package dev.jp.api.releases;

import dev.jp.api.apps.AppState;
import dev.jp.api.http.ApiException;
import dev.jp.events.ReleaseCreated;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Pure decisions that make releases: a deploy of a slug, a rollback to an earlier release. */
public final class ReleaseDecisions {

    private ReleaseDecisions() {
    }

    /** A slug as a release needs it. */
    public record SlugInfo(String id, Map<String, String> processTypes, String commit) {
    }

    /** An earlier release as a rollback needs it. */
    public record PastRelease(int version, String slugId, Map<String, String> processTypes, Map<String, String> config) {
    }

    public static ReleaseCreated deploy(AppState app, SlugInfo slug, String description, String by, Instant now) {
        String text = description == null || description.isBlank()
                ? "Deploy " + (slug.commit() == null ? slug.id().substring(0, 8) : shortCommit(slug.commit()))
                : description;
        return new ReleaseCreated(app.name(), by, now, app.version(), UUID.randomUUID().toString(), nextVersion(app),
                slug.id(), slug.processTypes(), app.config(), text, null);
    }

    public static ReleaseCreated rollback(AppState app, PastRelease target, String by, Instant now) {
        if (target.slugId() == null) {
            throw ApiException.invalid("Release v" + target.version() + " has no slug to roll back to.");
        }
        return new ReleaseCreated(app.name(), by, now, app.version(), UUID.randomUUID().toString(), nextVersion(app),
                target.slugId(), target.processTypes(), target.config(), "Rollback to v" + target.version(),
                target.version());
    }

    public static int nextVersion(AppState app) {
        return app.release() == null ? 1 : app.release().version() + 1;
    }

    private static String shortCommit(String commit) {
        return commit.length() > 7 ? commit.substring(0, 7) : commit;
    }
}
