package dev.jp.api.logs;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.api.ApiConfig;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.Apps;
import dev.jp.api.http.ApiException;
import dev.jp.events.logsession.LogSession;
import dev.jp.events.logsession.LogSessionToken;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

/**
 * {@code POST /apps/{app}/log-sessions}: after checking the caller may read the app, hands out a
 * {@code logplex_url} at log-router whose signed id carries the app and the filters, unguessable
 * and valid for five minutes. log-router serves it; nothing is stored here.
 */
@Path("/apps/{app}/log-sessions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class LogSessionResource {

    static final Duration CONNECT_WITHIN = Duration.ofMinutes(5);
    static final int MAX_LINES = 100_000;

    private final Apps apps;
    private final ApiConfig config;

    public LogSessionResource(Apps apps, ApiConfig config) {
        this.apps = apps;
        this.config = config;
    }

    /** A log session as the Heroku Platform API shows it. */
    public record LogSessionView(String id, String logplexUrl, Instant createdAt, Instant updatedAt) {
    }

    @POST
    public Uni<Response> create(@PathParam("app") String app, JsonNode body, @Context ContainerRequestContext request) {
        byte[] secret = config.logSessionSecret().orElseThrow(() -> ApiException.unavailable(
                "Log sessions are not configured on this platform (jp.log-session-secret)."))
                .getBytes(StandardCharsets.UTF_8);
        JsonNode options = body == null || body.isNull() ? com.fasterxml.jackson.databind.node.NullNode.getInstance() : body;
        int lines = options.path("lines").isMissingNode() || options.path("lines").isNull() ? 100 : lines(options.get("lines"));
        boolean tail = options.path("tail").asBoolean(false);
        String source = text(options, "source");
        if (source != null && !source.equals("app") && !source.equals("heroku")) {
            throw ApiException.invalid("source must be app or heroku.");
        }
        String dyno = text(options, "dyno") != null ? text(options, "dyno") : text(options, "dyno_name");
        if (dyno != null && !dyno.matches("[a-z][a-z0-9_-]*(\\.\\d+)?")) {
            throw ApiException.invalid("dyno must be a dyno name (web.1) or a process type (web).");
        }
        return apps.owned(app, Authentication.of(request)).map(state -> {
            Instant now = Instant.now();
            String id = LogSessionToken.issue(LogSession.create(app, dyno, source, lines, tail, now.plus(CONNECT_WITHIN)), secret);
            String url = config.logRouterPublicUrl().replaceAll("/+$", "") + "/sessions/" + id;
            String viewId = UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)).toString();
            return Response.status(201).entity(new LogSessionView(viewId, url, now, now)).build();
        });
    }

    private static int lines(JsonNode value) {
        if (!value.canConvertToInt() && !value.isTextual()) {
            throw ApiException.invalid("lines must be a number.");
        }
        try {
            int lines = value.isTextual() ? Integer.parseInt(value.asText().trim()) : value.asInt();
            if (lines < 0 || lines > MAX_LINES) {
                throw ApiException.invalid("lines must be between 0 and " + MAX_LINES + ".");
            }
            return lines;
        } catch (NumberFormatException e) {
            throw ApiException.invalid("lines must be a number.");
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() && !value.asText().isBlank() ? value.asText().trim() : null;
    }
}
