package dev.jp.api.audit;

import dev.jp.api.ApiConfig;
import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.eventlog.Projector;
import dev.jp.api.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code POST /admin/rebuild}: drops the projections and replays {@code platform.events} from
 * offset 0, answering when caught up. Only for the platform's default (operator) account.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final Projector projector;
    private final ApiConfig config;

    public AdminResource(Projector projector, ApiConfig config) {
        this.projector = projector;
        this.config = config;
    }

    /** What a rebuild replayed, and how fast. */
    public record RebuildView(long events, double seconds, double eventsPerSecond) {
    }

    @POST
    @Path("rebuild")
    public Uni<RebuildView> rebuild(@Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        if (!account.email().equals(config.bootstrapEmail())) {
            throw ApiException.notFound("Not found.");
        }
        return Uni.createFrom().completionStage(projector::rebuild)
                .map(report -> new RebuildView(report.events(), report.took().toMillis() / 1000.0, report.eventsPerSecond()));
    }
}
