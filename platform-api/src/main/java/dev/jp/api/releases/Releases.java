package dev.jp.api.releases;

import dev.jp.api.apps.AppState;
import dev.jp.api.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** The release history of an app's current incarnation. */
@ApplicationScoped
public class Releases {

    private final Mutiny.SessionFactory sessions;

    public Releases(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    public Uni<List<ReleaseRow>> of(AppState app) {
        return sessions.withSession(session -> session
                .createQuery("from ReleaseRow where appId = :app order by version", ReleaseRow.class)
                .setParameter("app", app.id()).getResultList());
    }

    /** By id, by version number ({@code 3}) or by {@code v3}, as the Heroku CLI puts either in the path. */
    public Uni<ReleaseRow> find(AppState app, String idOrVersion) {
        String text = idOrVersion.startsWith("v") ? idOrVersion.substring(1) : idOrVersion;
        Uni<ReleaseRow> found;
        if (text.matches("\\d{1,9}")) {
            found = sessions.withSession(session -> session
                    .createQuery("from ReleaseRow where appId = :app and version = :version", ReleaseRow.class)
                    .setParameter("app", app.id()).setParameter("version", Integer.parseInt(text)).getSingleResultOrNull());
        } else {
            found = sessions.withSession(session -> session.find(ReleaseRow.class, idOrVersion))
                    .map(row -> row != null && row.appId.equals(app.id()) ? row : null);
        }
        return found.map(row -> {
            if (row == null) {
                throw ApiException.notFound("Couldn't find that release.");
            }
            return row;
        });
    }
}
