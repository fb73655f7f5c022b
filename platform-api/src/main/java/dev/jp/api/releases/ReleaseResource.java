package dev.jp.api.releases;

import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.Apps;
import dev.jp.api.apps.StateJson;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.Range;
import dev.jp.api.logs.ApiLogLines;
import dev.jp.api.slugs.SlugRow;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;
import org.hibernate.reactive.mutiny.Mutiny;

/** {@code /apps/{app}/releases}: list (paged by version), info, the config of a release, deploy and rollback. */
@Path("/apps/{app}/releases")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReleaseResource {

    private final Apps apps;
    private final Releases releases;
    private final Mutiny.SessionFactory sessions;
    private final ApiLogLines apiLog;

    public ReleaseResource(Apps apps, Releases releases, Mutiny.SessionFactory sessions, ApiLogLines apiLog) {
        this.apps = apps;
        this.releases = releases;
        this.sessions = sessions;
        this.apiLog = apiLog;
    }

    /** {@code {"slug": id, "description": ...}} deploys; {@code {"release": id or version}} rolls back. */
    public record CreateRelease(String slug, String description, String release) {
    }

    @GET
    public Uni<Response> list(@PathParam("app") String app, @HeaderParam("Range") String rangeHeader,
                              @Context ContainerRequestContext request) {
        Range range = Range.parse(rangeHeader, "version");
        return apps.owned(app, Authentication.of(request)).chain(state -> releases.of(state).map(rows -> {
            Range.Page<ReleaseRow> page = range.page(rows, row -> (long) row.version);
            Response.ResponseBuilder response = Response.status(page.nextRange() == null ? 200 : 206)
                    .entity(page.items().stream().map(row -> ReleaseView.of(row, state)).toList());
            return page.nextRange() == null ? response.build() : response.header("Next-Range", page.nextRange()).build();
        }));
    }

    @GET
    @Path("{release}")
    public Uni<ReleaseView> info(@PathParam("app") String app, @PathParam("release") String release,
                                 @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request))
                .chain(state -> releases.find(state, release).map(row -> ReleaseView.of(row, state)));
    }

    @GET
    @Path("{release}/config-vars")
    public Uni<Map<String, String>> configOf(@PathParam("app") String app, @PathParam("release") String release,
                                             @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request))
                .chain(state -> releases.find(state, release)).map(row -> StateJson.readMap(row.config));
    }

    @POST
    public Uni<Response> create(@PathParam("app") String app, CreateRelease body, @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        if (body == null || (body.slug() == null) == (body.release() == null)) {
            throw ApiException.invalid("Give either slug (to deploy) or release (to roll back).");
        }
        Uni<AppState> written = body.slug() != null ? deploy(app, body, account) : rollback(app, body.release(), account);
        return written.chain(state -> releases.find(state, Integer.toString(state.release().version()))
                .map(row -> {
                    String line = row.rollbackOf != null
                            ? "Rollback to v" + row.rollbackOf + " by user " + account.email()
                            : row.description + " by user " + account.email();
                    apiLog.line(state, line);
                    apiLog.line(state, "Release v" + row.version + " created by user " + account.email());
                    return Response.status(201).entity(ReleaseView.of(row, state)).build();
                }));
    }

    private Uni<AppState> deploy(String app, CreateRelease body, Account account) {
        return apps.owned(app, account)
                .chain(state -> sessions.withSession(session -> session.find(SlugRow.class, body.slug())))
                .chain(slug -> {
                    if (slug == null || !slug.appName.equals(app)) {
                        throw ApiException.notFound("Couldn't find that slug.");
                    }
                    ReleaseDecisions.SlugInfo info = new ReleaseDecisions.SlugInfo(slug.id,
                            StateJson.readMap(slug.processTypes), slug.commit);
                    return apps.write(app, account, null, state ->
                            ReleaseDecisions.deploy(state, info, body.description(), account.email(), Instant.now()));
                });
    }

    private Uni<AppState> rollback(String app, String target, Account account) {
        return apps.owned(app, account).chain(state -> releases.find(state, target)).chain(row -> {
            ReleaseDecisions.PastRelease past = new ReleaseDecisions.PastRelease(row.version, row.slugId,
                    StateJson.readMap(row.processTypes), StateJson.readMap(row.config));
            return apps.write(app, account, null, state -> ReleaseDecisions.rollback(state, past, account.email(), Instant.now()));
        });
    }
}
