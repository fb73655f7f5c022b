package dev.jp.api.formation;

import dev.jp.api.apps.AppState;
import dev.jp.api.http.Ref;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** One process type of the formation, as the Heroku Platform API shows it. */
public record FormationView(String id, String type, String command, int quantity, String size, Ref app,
                            Instant createdAt, Instant updatedAt) {

    public static FormationView of(AppState app, AppState.Formation formation) {
        String id = UUID.nameUUIDFromBytes((app.id() + "/formation/" + formation.type()).getBytes(StandardCharsets.UTF_8)).toString();
        return new FormationView(id, formation.type(), formation.command(), formation.quantity(), formation.size(),
                new Ref(app.id(), app.name()), formation.createdAt(), formation.updatedAt());
    }

    public static List<FormationView> all(AppState app) {
        return app.formation().values().stream().map(f -> of(app, f)).toList();
    }
}
