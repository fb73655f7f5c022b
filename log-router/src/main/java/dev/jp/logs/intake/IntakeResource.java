package dev.jp.logs.intake;

import dev.jp.logs.ApiError;
import dev.jp.logs.LogRouterConfig;
import dev.jp.logs.apps.AppRegistry;
import dev.jp.logs.apps.IntakeToken;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * {@code POST /logs}: Logplex's input, {@code application/logplex-1} bodies of octet-counted
 * frames, HTTP Basic auth {@code token:t.<uuid>}. 204 once every line is stored; 400 and nothing
 * stored if anything is malformed; 401 for an unknown token; 415 for another media type.
 */
@Path("/logs")
public class IntakeResource {

    static final String LOGPLEX_1 = "application/logplex-1";
    private static final Logger LOG = Logger.getLogger(IntakeResource.class);

    private final AppRegistry registry;
    private final LogIntake intake;
    private final LogRouterConfig config;

    public IntakeResource(AppRegistry registry, LogIntake intake, LogRouterConfig config) {
        this.registry = registry;
        this.intake = intake;
        this.config = config;
    }

    // Blocking: the first line for a new topic may wait for its metadata, and 204 waits for acks.
    @POST
    @Blocking
    public Response post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                         @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                         @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                         @HeaderParam("Logplex-Msg-Count") String msgCount,
                         @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                         InputStream body) {
        Optional<IntakeToken> token = bearer(authorization).flatMap(registry::token);
        if (token.isEmpty()) {
            if (!registry.isReady()) {
                return new ApiError("unavailable", "The log router is starting; retry shortly.").toResponse(503);
            }
            return Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"jp logs\"")
                    .type("application/json").entity(new ApiError("unauthorized", "Invalid credentials provided.")).build();
        }
        if (contentType == null || !contentType.split(";")[0].trim().equalsIgnoreCase(LOGPLEX_1)) {
            return new ApiError("unsupported_media_type", "Content-Type must be " + LOGPLEX_1 + ".").toResponse(415);
        }
        try {
            byte[] raw = RequestBody.read(body, contentLength, config.intake().maxBodyBytes());
            byte[] frames = RequestBody.decode(raw, contentEncoding, config.intake().maxInflatedBytes());
            intake.take(token.get(), frames, count(msgCount)).get(30, TimeUnit.SECONDS);
            return Response.noContent().build();
        } catch (MalformedLogsException e) {
            LOG.debugf("malformed logs for %s: %s", token.get().app(), e.getMessage());
            return new ApiError("bad_request", "Malformed log messages").toResponse(400);
        } catch (RequestBody.TooLargeException e) {
            return new ApiError("payload_too_large", e.getMessage()).toResponse(413);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warnf(e, "could not store lines of %s", token.get().app());
            return new ApiError("unavailable", "Log storage is unavailable; retry.").toResponse(503);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new ApiError("unavailable", "Shutting down.").toResponse(503);
        }
    }

    /** The password of {@code Basic base64(user:password)}; Logplex senders use user {@code token}. */
    private static Optional<String> bearer(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.empty();
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                    StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(colon + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
    }

    private static OptionalInt count(String header) throws MalformedLogsException {
        if (header == null || header.isBlank()) {
            return OptionalInt.empty();
        }
        try {
            return OptionalInt.of(Integer.parseInt(header.trim()));
        } catch (NumberFormatException e) {
            throw new MalformedLogsException("Logplex-Msg-Count is not a number");
        }
    }
}
