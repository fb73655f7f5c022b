package dev.jp.api.config;

import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.Apps;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.IfMatch;
import dev.jp.api.logs.ApiLogLines;
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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import dev.jp.events.ConfigVarsChanged;

/** {@code /apps/{app}/config-vars}: read, and patch (a null value removes a key); every change is a release. */
@Path("/apps/{app}/config-vars")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ConfigVarsResource {

    private final Apps apps;
    private final ApiLogLines apiLog;

    public ConfigVarsResource(Apps apps, ApiLogLines apiLog) {
        this.apps = apps;
        this.apiLog = apiLog;
    }

    @GET
    public Uni<Response> get(@PathParam("app") String app, @Context ContainerRequestContext request) {
        return apps.owned(app, Authentication.of(request))
                .map(state -> Response.ok(state.config()).tag(Long.toString(state.version())).build());
    }

    @PATCH
    public Uni<Map<String, String>> patch(@PathParam("app") String app, Map<String, Object> body,
                                          @HeaderParam("If-Match") String ifMatch, @Context ContainerRequestContext request) {
        Account account = Authentication.of(request);
        Map<String, String> patch = strings(body);
        AtomicReference<ConfigVarsChanged> decided = new AtomicReference<>();
        return apps.write(app, account, IfMatch.version(ifMatch), state -> {
                    decided.set(ConfigDecisions.change(state, patch, account.email(), Instant.now()).orElse(null));
                    return decided.get();
                })
                .invoke(state -> {
                    if (decided.get() != null) {
                        apiLog.line(state, decided.get().description() + " by user " + account.email());
                    }
                })
                .map(AppState::config);
    }

    /** Config values are strings (numbers and booleans are taken as their text); null removes a key. */
    private static Map<String, String> strings(Map<String, Object> body) {
        if (body == null || body.isEmpty()) {
            throw ApiException.invalid("Give the config vars to set as {\"KEY\": \"value\"} (null removes one).");
        }
        Map<String, String> patch = new LinkedHashMap<>();
        body.forEach((key, value) -> {
            if (value == null) {
                patch.put(key, null);
            } else if (value instanceof String || value instanceof Number || value instanceof Boolean) {
                patch.put(key, value.toString());
            } else {
                throw ApiException.invalid("Config var " + key + " must be a string, not " + describe(value) + ".");
            }
        });
        return patch;
    }

    private static String describe(Object value) {
        return value instanceof Map ? "an object" : value instanceof java.util.List ? "a list" : "a " + value.getClass().getSimpleName();
    }
}
