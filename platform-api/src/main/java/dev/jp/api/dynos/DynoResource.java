package dev.jp.api.dynos;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.Apps;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.Ref;
import dev.jp.api.logs.ApiLogLines;
import dev.jp.api.releases.ReleaseRow;
import dev.jp.api.releases.Releases;
import dev.jp.api.rendezvous.RendezvousServer;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Dynos: the list merges what should run (formation slots, one-offs) with what runners last
 * reported; one-off dynos are created here; restart and stop are requests the runners act on.
 */
@Path("/apps/{app}/dynos")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DynoResource {

    private final Apps apps;
    private final Releases releases;
    private final Mutiny.SessionFactory sessions;
    private final ApiLogLines apiLog;
    private final DynoCommands commands;
    private final DynoStatsReader stats;
    private final RendezvousServer rendezvous;

    public DynoResource(Apps apps, Releases releases, Mutiny.SessionFactory sessions, ApiLogLines apiLog,
                        DynoCommands commands, DynoStatsReader stats, RendezvousServer rendezvous) {
        this.apps = apps;
        this.releases = releases;
        this.sessions = sessions;
        this.apiLog = apiLog;
        this.commands = commands;
        this.stats = stats;
        this.rendezvous = rendezvous;
    }

    @GET
    public Uni<List<DynoView>> list(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request)).chain(this::dynosOf);
    }

    @GET
    @Path("{dyno}")
    public Uni<DynoView> info(@PathParam("app") String app, @PathParam("dyno") String dyno,
                              @Context ContainerRequestContext request) {
        return list(app, request).map(dynos -> dynos.stream().filter(d -> d.name().equals(dyno)).findFirst()
                .orElseThrow(() -> ApiException.notFound("Couldn't find that dyno (" + dyno + ").")));
    }

    /** {@code POST /apps/{app}/dynos}: a one-off dyno, {@code run.N}. */
    @POST
    public Uni<Response> run(@PathParam("app") String app, JsonNode body, @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("Give {\"command\": \"bash\"}.");
        }
        boolean attach = body.path("attach").asBoolean(false);
        String command = body.path("command").isTextual() ? body.get("command").asText() : null;
        Map<String, String> env = env(body.get("env"));
        String size = body.path("size").isTextual() ? body.get("size").asText() : null;
        Integer ttl = body.path("time_to_live").isNumber() ? body.get("time_to_live").asInt() : null;
        // The CLI sends it when its stdin is not a terminal (`echo hi | heroku run cat`): the
        // process then reads that input from a pipe, with no terminal to echo or translate it.
        boolean forceNoTty = body.path("force_no_tty").asBoolean(false);
        String[] name = new String[1];
        return apps.writeRetrying(app, account, state -> {
                    var event = DynoDecisions.runOneOff(state, command, env, size, attach, ttl, forceNoTty, account.email(),
                            Instant.now());
                    name[0] = event.dyno();
                    return event;
                })
                .invoke(state -> apiLog.line(state, "Starting process with command `" + command + "` by user " + account.email()))
                .chain(state -> dynosOf(state).map(dynos -> {
                    DynoView created = dynos.stream().filter(d -> d.name().equals(name[0])).findFirst()
                            .orElseThrow(() -> ApiException.conflict("An earlier try of this request started the dyno already; "
                                    + "it is in the app's dyno list."));
                    // Only the creator learns the attach_url: it is the capability to the dyno's terminal.
                    return Response.status(201).entity(attach
                            ? created.withAttachUrl(rendezvous.attachUrl(state.id(), created.name(), requestedAt(state, created.name())))
                            : created).build();
                }));
    }

    @DELETE
    public Uni<Response> restartAll(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return commands.restart(app, null, null, Authentication.of(request));
    }

    @DELETE
    @Path("{dyno}")
    public Uni<Response> restartOne(@PathParam("app") String app, @PathParam("dyno") String dyno,
                                    @Context ContainerRequestContext request) {
        return commands.restart(app, dyno, null, Authentication.of(request));
    }

    @POST
    @Path("{dyno}/actions/stop")
    public Uni<Response> stopOne(@PathParam("app") String app, @PathParam("dyno") String dyno,
                                 @Context ContainerRequestContext request) {
        return commands.stop(app, dyno, null, Authentication.of(request));
    }

    /** When a one-off was requested: its attach secret carries it (the same secret the runner is given). */
    private static Instant requestedAt(AppState state, String dyno) {
        var oneOff = state.oneOffs().get(dyno);
        return oneOff != null ? oneOff.createdAt() : Instant.now();
    }

    private static Map<String, String> env(JsonNode env) {
        Map<String, String> result = new LinkedHashMap<>();
        if (env == null || env.isNull()) {
            return result;
        }
        if (!env.isObject()) {
            throw ApiException.invalid("env must be an object of names to values.");
        }
        env.fields().forEachRemaining(field -> {
            if (!field.getKey().matches("\\w+")) {
                throw ApiException.invalid("Invalid env var name: " + field.getKey());
            }
            if (!field.getValue().isValueNode() || field.getValue().isNull()) {
                throw ApiException.invalid("env var " + field.getKey() + " must be a string or a number.");
            }
            result.put(field.getKey(), field.getValue().asText());
        });
        return result;
    }

    /** What should run, with what the runners last said about it; and what still runs but should not. */
    Uni<List<DynoView>> dynosOf(AppState app) {
        return sessions.withSession(session -> session
                        .createQuery("from DynoRow where appName = :app", DynoRow.class)
                        .setParameter("app", app.name()).getResultList())
                .chain(rows -> releases.of(app).map(all -> {
                    Map<Integer, String> releaseIds = new HashMap<>();
                    all.forEach((ReleaseRow row) -> releaseIds.put(row.version, row.id));
                    Map<String, DynoRow> reported = new LinkedHashMap<>();
                    rows.forEach(row -> reported.put(row.name, row));
                    List<DynoView> views = new ArrayList<>();
                    for (AppState.Formation formation : app.formation().values()) {
                        for (int i = 1; i <= formation.quantity(); i++) {
                            String slot = formation.type() + "." + i;
                            views.add(view(app, slot, formation.type(), formation.command(), formation.size(),
                                    reported.remove(slot), releaseIds));
                        }
                    }
                    for (AppState.OneOff oneOff : app.oneOffs().values()) {
                        views.add(view(app, oneOff.name(), "run", oneOff.command(), oneOff.size(),
                                reported.remove(oneOff.name()), releaseIds));
                    }
                    reported.values().forEach(row -> views.add(view(app, row.name, row.type, "", AppState.DEFAULT_SIZE,
                            row, releaseIds)));
                    return views;
                }));
    }

    private DynoView view(AppState app, String name, String type, String command, String size, DynoRow row,
                          Map<Integer, String> releaseIds) {
        var sample = row == null || !"up".equals(row.state) ? java.util.Optional.<dev.jp.events.DynoStats>empty()
                : stats.of(app.name(), name);
        int version = row != null ? row.releaseVersion : app.release() == null ? 0 : app.release().version();
        String id = row != null ? row.id
                : UUID.nameUUIDFromBytes((app.id() + "/" + name).getBytes(StandardCharsets.UTF_8)).toString();
        Instant created = row != null ? row.createdAt : app.updatedAt();
        return new DynoView(id, name, type, command, row != null ? row.state : "starting", size, null,
                new DynoView.ReleaseRef(releaseIds.get(version), version), new Ref(app.id(), app.name()),
                created, row != null ? row.updatedAt : created,
                row == null ? null : row.host, row == null ? null : row.pid, row == null ? 0 : row.restartCount,
                row == null ? null : row.nextRestartAt, row == null ? null : row.exitStatus,
                row == null ? null : row.signal, row == null ? null : row.error,
                sample.map(dev.jp.events.DynoStats::cpuPercent).orElse(null),
                sample.map(dev.jp.events.DynoStats::memoryRssMb).orElse(null),
                sample.map(dev.jp.events.DynoStats::memoryPssMb).orElse(null));
    }
}
