package dev.jp.api.apps;

import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.http.ApiException;
import dev.jp.events.AppCreated;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** {@code /apps}: create, list, info, update, destroy. */
@Path("/apps")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AppResource {

    private final Apps apps;

    public AppResource(Apps apps) {
        this.apps = apps;
    }

    /** The body of {@code POST /apps}: everything optional. */
    public record CreateApp(String name, String region, String stack) {
    }

    @POST
    public Uni<Response> create(CreateApp body, @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        String created = apps.alreadyAppliedTo();
        if (created != null) {
            return apps.owned(created, account).map(app -> Response.status(201).entity(AppView.of(app)).build());
        }
        String name = body == null || body.name() == null || body.name().isBlank() ? NameGenerator.next() : body.name().trim();
        return apps.find(name)
                .map(existing -> AppDecisions.create(existing, name, account.id(), account.email(), Instant.now()))
                .chain((AppCreated event) -> apps.appendRaw(event).map(outcome -> {
                    if (!outcome.applied()) {
                        throw ApiException.invalid("Name is already taken");
                    }
                    return event;
                }))
                .chain(event -> apps.owned(name, account))
                .map(app -> Response.status(201).entity(AppView.of(app)).build());
    }

    @GET
    public Uni<List<AppView>> list(@Context ContainerRequestContext request) {
        return apps.ownedBy(Authentication.of(request)).map(all -> all.stream().map(AppView::of).toList());
    }

    @GET
    @Path("{app}")
    public Uni<Response> info(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request))
                .map(state -> Response.ok(AppView.of(state)).tag(Long.toString(state.version())).build());
    }

    /** {@code PATCH /apps/{app}}: jp keeps names stable (they key the event log); maintenance is not modelled yet. */
    @PATCH
    @Path("{app}")
    public Uni<AppView> update(@PathParam("app") String app, Map<String, Object> body, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request)).map(state -> {
            Object newName = body == null ? null : body.get("name");
            if (newName != null && !newName.equals(state.name())) {
                throw ApiException.invalid("Apps cannot be renamed on jp: the name keys the app's history.");
            }
            return AppView.of(state);
        });
    }

    @DELETE
    @Path("{app}")
    public Uni<AppView> destroy(@PathParam("app") String app, @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        return apps.write(app, account, null, current -> AppDecisions.destroy(current, account.email(), Instant.now()))
                .map(AppView::of);
    }

    /** {@code GET /apps/{app}/addons}, which {@code heroku apps:info} reads: jp has no add-ons. */
    @GET
    @Path("{app}/addons")
    public Uni<List<Object>> addons(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request)).map(state -> List.of());
    }

    @GET
    @Path("{app}/collaborators")
    public Uni<List<Object>> collaborators(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request)).map(state -> List.of());
    }
}
