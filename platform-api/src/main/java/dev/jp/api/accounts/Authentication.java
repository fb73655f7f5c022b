package dev.jp.api.accounts;

import dev.jp.api.http.ApiExceptionMappers;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Every API call needs {@code Authorization: Bearer <token>} (or Basic with the token as
 * password, as git and curl send it). Health, metrics, OpenAPI and the slug blob URLs (whose
 * random ids are the capability) are open. The token itself is never logged or echoed.
 */
public class Authentication {

    static final String ACCOUNT = "jp.account";

    private final Accounts accounts;

    public Authentication(Accounts accounts) {
        this.accounts = accounts;
    }

    public static Account of(ContainerRequestContext request) {
        return (Account) request.getProperty(ACCOUNT);
    }

    @ServerRequestFilter(priority = Priorities.AUTHENTICATION)
    public Uni<Response> authenticate(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (path.startsWith("/q/") || path.startsWith("/internal/slugs/") || path.startsWith("/internal/slug-uploads/")) {
            return Uni.createFrom().nullItem();
        }
        String token = tokenOf(request.getHeaderString(HttpHeaders.AUTHORIZATION));
        if (token == null || token.isBlank() || "undefined".equals(token)) {
            return Uni.createFrom().item(unauthorized());
        }
        return accounts.byToken(token).map(account -> {
            if (account == null) {
                return unauthorized();
            }
            request.setProperty(ACCOUNT, account);
            return null;
        });
    }

    private static String tokenOf(String header) {
        if (header == null) {
            return null;
        }
        if (header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return header.substring(7).trim();
        }
        if (header.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                return decoded.substring(decoded.indexOf(':') + 1);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    private static Response unauthorized() {
        return ApiExceptionMappers.of(401, "unauthorized", "Invalid credentials provided.");
    }
}
