package dev.jp.api.logs;

import dev.jp.api.ApiConfig;
import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.Apps;
import dev.jp.api.http.ApiException;
import dev.jp.events.DrainAdded;
import dev.jp.events.DrainRemoved;
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
import java.net.URI;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** {@code /apps/{app}/log-drains}: list, add, remove (by id, token or URL, which may arrive %-encoded in one segment). */
@Path("/apps/{app}/log-drains")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DrainResource {

    private final Apps apps;
    private final ApiLogLines apiLog;
    private final DrainTargets targets;

    public DrainResource(Apps apps, ApiLogLines apiLog, ApiConfig config, @ConfigProperty(name = "quarkus.http.port") int port,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String kafka,
                         @ConfigProperty(name = "quarkus.datasource.reactive.url") Optional<String> database) {
        this.apps = apps;
        this.apiLog = apiLog;
        Set<String> addresses = new HashSet<>();
        // The defaults of DESIGN.md (API, log-router, rendezvous, runner, Kafka, PostgreSQL), then what is configured.
        Set<Integer> ports = new HashSet<>(List.of(5100, 5101, 5102, 5103, 9092, 5432, port));
        for (String url : List.of(config.apiPublicUrl(), config.logRouterUrl(), config.logRouterPublicUrl())) {
            URI uri = URI.create(url);
            int urlPort = uri.getPort() == -1 ? 80 : uri.getPort();
            addresses.add(uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + urlPort);
            ports.add(urlPort);
        }
        for (String server : kafka.split(",")) {
            portOf(server.trim()).ifPresent(ports::add);
        }
        database.flatMap(url -> portOf(url.replaceAll("^.*?//([^/@]*@)?", "").replaceAll("/.*$", ""))).ifPresent(ports::add);
        Set<String> names = new HashSet<>();
        try {
            names.add(java.net.InetAddress.getLocalHost().getHostName().toLowerCase(java.util.Locale.ROOT));
        } catch (java.net.UnknownHostException e) {
            // No name for this machine: only its addresses and localhost are recognised.
        }
        this.targets = new DrainTargets(addresses, ports, names);
    }

    private static Optional<Integer> portOf(String hostPort) {
        java.util.regex.Matcher port = java.util.regex.Pattern.compile(":(\\d{1,5})$").matcher(hostPort);
        return port.find() ? Optional.of(Integer.parseInt(port.group(1))) : Optional.empty();
    }

    /** A drain as the Heroku Platform API shows it. */
    public record DrainView(String id, String url, String token, Object addon, Instant createdAt, Instant updatedAt) {
        static DrainView of(AppState.Drain drain) {
            return new DrainView(drain.id(), drain.url(), drain.token(), null, drain.createdAt(), drain.createdAt());
        }
    }

    @GET
    public Uni<List<DrainView>> list(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request)).map(state -> state.drains().values().stream().map(DrainView::of).toList());
    }

    @POST
    public Uni<Response> add(@PathParam("app") String app, Map<String, Object> body, @Context ContainerRequestContext request,
                             @Context io.vertx.core.http.HttpServerRequest http) {
        Account account = Authentication.of(request);
        Object url = body == null ? null : body.get("url");
        if (!(url instanceof String text) || text.isBlank()) {
            throw ApiException.invalid("Give {\"url\": \"syslog+tls://host:6514\"}.");
        }
        AtomicReference<DrainAdded> added = new AtomicReference<>();
        return apps.write(app, account, null, state -> {
                    added.set(DrainDecisions.add(state, text.trim(), targets.withPort(http.localAddress().port()),
                            account.email(), Instant.now()));
                    return added.get();
                })
                .invoke(state -> {
                    if (added.get() != null) {
                        apiLog.line(state, "Add drain " + text.trim() + " by user " + account.email());
                    }
                })
                .map(state -> Response.status(201).entity(DrainView.of(added.get() != null
                        ? state.drains().get(added.get().drainId()) : byUrl(state, text.trim()))).build());
    }

    @DELETE
    @Path("{drain}")
    public Uni<DrainView> remove(@PathParam("app") String app, @PathParam("drain") String drain,
                                 @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        AtomicReference<AppState.Drain> removed = new AtomicReference<>();
        return apps.write(app, account, null, state -> {
                    DrainRemoved event = DrainDecisions.remove(state, drain, account.email(), Instant.now());
                    removed.set(state.drains().get(event.drainId()));
                    return event;
                })
                .map(state -> {
                    if (removed.get() == null) {
                        throw ApiException.notFound("The drain was removed by an earlier try of this request.");
                    }
                    apiLog.line(state, "Remove drain " + removed.get().url() + " by user " + account.email());
                    return DrainView.of(removed.get());
                });
    }

    /** The drain an earlier try of this keyed request added. */
    private static AppState.Drain byUrl(AppState state, String url) {
        return state.drains().values().stream().filter(d -> d.url().equals(url)).findFirst()
                .orElseThrow(() -> ApiException.notFound("The drain added by an earlier try of this request is gone."));
    }
}
