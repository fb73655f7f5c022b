package dev.jp.api.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * The wire conventions of the Heroku Platform API that clients depend on: every
 * {@code application/vnd.heroku+json; version=3...} Accept variant is plain JSON here (never 406),
 * a POST or PATCH without a Content-Type is JSON, every answer carries a {@code Request-Id}, and
 * {@code X-HTTP-Method-Override} turns a POST into the PATCH, PUT or DELETE it stands for.
 */
public class HerokuConventions {

    static final String REQUEST_ID = "Request-Id";
    /** JSON bodies are small; only slug tarballs (under /internal/) may be large. */
    static final int MAX_JSON_BYTES = 1024 * 1024;

    @ServerRequestFilter(preMatching = true)
    public Response normalise(ContainerRequestContext request) {
        // Lean clients (java.net.HttpURLConnection, which jp's CLI uses for its start time) cannot send PATCH.
        String override = request.getHeaderString("X-HTTP-Method-Override");
        if ("POST".equals(request.getMethod()) && override != null
                && java.util.Set.of("PATCH", "PUT", "DELETE").contains(override.trim().toUpperCase(java.util.Locale.ROOT))) {
            request.setMethod(override.trim().toUpperCase(java.util.Locale.ROOT));
        }
        String accept = request.getHeaderString(HttpHeaders.ACCEPT);
        if (accept != null && accept.contains("vnd.heroku+json")) {
            request.getHeaders().putSingle(HttpHeaders.ACCEPT, MediaType.APPLICATION_JSON);
        }
        String contentType = request.getHeaderString(HttpHeaders.CONTENT_TYPE);
        boolean mayHaveBody = !"GET".equals(request.getMethod()) && !"DELETE".equals(request.getMethod());
        boolean empty = "0".equals(request.getHeaderString(HttpHeaders.CONTENT_LENGTH))
                || (request.getHeaderString(HttpHeaders.CONTENT_LENGTH) == null && request.getHeaderString("Transfer-Encoding") == null);
        if (mayHaveBody && (contentType == null || contentType.contains("vnd.heroku+json") || empty)
                && !request.getUriInfo().getPath().startsWith("/internal/")) {
            request.getHeaders().putSingle(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON);
        }
        // A body without a Content-Length would be read to the end (up to the slugs' 510 MB) before
        // anything could count it: JSON bodies must say their length, as every HTTP client does for them.
        if (!request.getUriInfo().getPath().startsWith("/internal/") && request.getLength() < 0
                && request.getHeaderString("Transfer-Encoding") != null) {
            return ApiExceptionMappers.of(411, "length_required",
                    "Send the request body with a Content-Length (at most " + MAX_JSON_BYTES / 1024 + " kB).");
        }
        if (!request.getUriInfo().getPath().startsWith("/internal/") && request.getLength() > MAX_JSON_BYTES) {
            return ApiExceptionMappers.of(413, "request_entity_too_large",
                    "A request body may be at most " + MAX_JSON_BYTES / 1024 + " kB here.");
        }
        String ids = request.getHeaderString(REQUEST_ID);
        String own = UUID.randomUUID().toString();
        request.setProperty(REQUEST_ID, ids == null || ids.isBlank() ? own : own + "," + ids);
        return null;
    }

    @ServerResponseFilter
    public void requestId(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(REQUEST_ID);
        if (id != null) {
            response.getHeaders().putSingle(REQUEST_ID, id.toString());
        }
    }
}
