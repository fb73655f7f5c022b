package dev.jp.api.formation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.api.ApiConfig;
import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.Apps;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.IfMatch;
import dev.jp.api.logs.ApiLogLines;
import dev.jp.events.FormationScaled;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;

/**
 * {@code /apps/{app}/formation}: list, info, batch update and update of one type. Quantities
 * arrive as numbers or strings, absolute ({@code 2}) or relative ({@code "+1"}); sizes as
 * {@code size} or Heroku's schema name {@code dyno_size: {name}}.
 */
@Path("/apps/{app}/formation")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class FormationResource {

    private final Apps apps;
    private final ApiLogLines apiLog;
    private final ApiConfig config;

    public FormationResource(Apps apps, ApiLogLines apiLog, ApiConfig config) {
        this.apps = apps;
        this.apiLog = apiLog;
        this.config = config;
    }

    @GET
    public Uni<Response> list(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request))
                .map(state -> Response.ok(FormationView.all(state)).tag(Long.toString(state.version())).build());
    }

    @GET
    @Path("{type}")
    public Uni<FormationView> info(@PathParam("app") String app, @PathParam("type") String type,
                                   @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request)).map(state -> FormationView.of(state, typeOf(state, type)));
    }

    @PATCH
    public Uni<List<FormationView>> batch(@PathParam("app") String app, JsonNode body, @HeaderParam("If-Match") String ifMatch,
                                          @Context ContainerRequestContext request) {
        JsonNode updates = body == null ? null : body.get("updates");
        if (updates == null || !updates.isArray()) {
            throw ApiException.invalid("Give {\"updates\": [{\"type\": \"web\", \"quantity\": 2}]}.");
        }
        List<FormationDecisions.Update> parsed = new ArrayList<>();
        updates.forEach(update -> parsed.add(update(update, text(update, "type"))));
        return scale(app, parsed, ifMatch, request).map(FormationView::all);
    }

    @PATCH
    @Path("{type}")
    public Uni<FormationView> update(@PathParam("app") String app, @PathParam("type") String type, JsonNode body,
                                     @HeaderParam("If-Match") String ifMatch, @Context ContainerRequestContext request) {
        return scale(app, List.of(update(body, type)), ifMatch, request).map(state -> FormationView.of(state, typeOf(state, type)));
    }

    private Uni<AppState> scale(String app, List<FormationDecisions.Update> updates, String ifMatch,
                                ContainerRequestContext request) {
        Account account = Authentication.of(request);
        AtomicReference<FormationScaled> decided = new AtomicReference<>();
        return apps.write(app, account, IfMatch.version(ifMatch), state -> {
            decided.set(FormationDecisions.scale(state, updates, config.dynoQuota(), account.email(), Instant.now()));
            return decided.get();
        }).invoke(state -> {
            // Nothing decided: an earlier try of this keyed request scaled already.
            if (decided.get() != null) {
                apiLog.line(state, "Scale to " + decided.get().changes().stream()
                        .map(c -> c.type() + "=" + c.quantity() + ":" + c.size()).collect(Collectors.joining(", "))
                        + " by user " + account.email());
            }
        });
    }

    private static FormationDecisions.Update update(JsonNode body, String type) {
        if (body == null || !body.isObject()) {
            throw ApiException.invalid("Give {\"quantity\": 2, \"size\": \"Standard-1X\"}.");
        }
        if (type == null || type.isBlank()) {
            throw ApiException.invalid("Each update needs a type.");
        }
        String size = text(body, "size");
        JsonNode dynoSize = body.get("dyno_size");
        if (size == null && dynoSize != null && dynoSize.isObject()) {
            size = text(dynoSize, "name");
        }
        JsonNode quantity = body.get("quantity");
        // A JSON number is an absolute quantity: only strings ("+1", "-1", as the CLI sends) are relative.
        if (quantity != null && quantity.isNumber() && quantity.asDouble() < 0) {
            throw ApiException.invalid("Quantity must be 0 or more, was " + quantity.asText() + ".");
        }
        return new FormationDecisions.Update(type, text(body, "quantity"), size);
    }

    /** A field that may be a string or a number, as Heroku's clients send quantities. */
    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() && !value.isNumber()) {
            throw ApiException.invalid(field + " must be a string or a number.");
        }
        return value.asText();
    }

    private static AppState.Formation typeOf(AppState state, String type) {
        AppState.Formation formation = state.formation().get(type);
        if (formation == null) {
            throw ApiException.notFound("Couldn't find that process type (" + type + ").");
        }
        return formation;
    }
}
