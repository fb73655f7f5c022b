package dev.jp.api.apps;

import dev.jp.api.http.Ref;
import java.time.Instant;

/** An app as the Heroku Platform API shows it (snake_case on the wire). */
public record AppView(String id, String name, Owner owner, Ref region, Ref stack, Ref buildStack, Generation generation,
                      String webUrl, String gitUrl, Long repoSize, Long slugSize, Instant createdAt, Instant updatedAt,
                      Instant releasedAt, boolean maintenance, Object space, Object organization, Object team,
                      Instant archivedAt, String buildpackProvidedDescription, boolean acm, Object internalRouting) {

    public record Owner(String id, String email) {
    }

    public record Generation(String id, String name) {
    }

    public static AppView of(AppState app) {
        Ref stack = new Ref("00000000-0000-4000-8000-000000000022", app.stack());
        return new AppView(app.id(), app.name(), new Owner(app.ownerId(), app.ownerEmail()),
                new Ref("00000000-0000-4000-8000-000000000001", app.region()), stack, stack,
                new Generation("00000000-0000-4000-8000-00000000ced4", "cedar"),
                "http://" + app.name() + ".jp.local/", "", null, null, app.createdAt(), app.updatedAt(),
                app.releasedAt() == null ? app.createdAt() : app.releasedAt(), false, null, null, null, null, null,
                false, null);
    }
}
