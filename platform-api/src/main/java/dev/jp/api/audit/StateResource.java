package dev.jp.api.audit;

import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.Apps;
import dev.jp.api.http.ApiException;
import dev.jp.events.EventCodec;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code GET /apps/{app}/state?at=TIME}: the app's release, config keys and formation then, folded from its events. */
@Path("/apps/{app}/state")
@Produces(MediaType.APPLICATION_JSON)
public class StateResource {

    private final Apps apps;
    private final AppHistory history;

    public StateResource(Apps apps, AppHistory history) {
        this.apps = apps;
        this.history = history;
    }

    /** The app's state at a moment. */
    public record StateView(Instant at, Integer releaseVersion, String releaseDescription, String slugId,
                            List<String> configKeys, Map<String, FormationEntry> formation, int drains, boolean destroyed) {
    }

    public record FormationEntry(int quantity, String size) {
    }

    @GET
    public Uni<StateView> state(@PathParam("app") String app, @QueryParam("at") String at,
                                @Context ContainerRequestContext request) {
        Instant moment = at == null ? Instant.now() : AppHistory.time(at, "at");
        return apps.ownedEver(app, Authentication.of(request)).chain(current -> history.until(app, moment)).map(rows -> {
            AppState state = null;
            for (EventRow row : rows) {
                AppState next = AppState.evolve(state, EventCodec.decode(row.json));
                // A later incarnation of the same name starts a new history.
                state = next;
            }
            if (state == null) {
                throw ApiException.notFound("The app did not exist at " + moment + ".");
            }
            Map<String, FormationEntry> formation = new TreeMap<>();
            state.formation().values().forEach(f -> formation.put(f.type(), new FormationEntry(f.quantity(), f.size())));
            return new StateView(moment, state.release() == null ? null : state.release().version(),
                    state.release() == null ? null : state.release().description(),
                    state.release() == null ? null : state.release().slugId(),
                    List.copyOf(new TreeMap<>(state.config()).keySet()), formation, state.drains().size(), state.destroyed());
        });
    }

}
