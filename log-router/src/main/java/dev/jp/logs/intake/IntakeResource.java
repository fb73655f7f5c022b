package dev.jp.logs.intake;

import dev.jp.logs.ApiError;
import dev.jp.logs.LogRouterConfig;
import dev.jp.logs.apps.AppRegistry;
import dev.jp.logs.apps.IntakeToken;
import dev.jp.logs.lines.LogWriter;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
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
    private final SenderOrder order;

    public IntakeResource(AppRegistry registry, LogIntake intake, LogRouterConfig config, SenderOrder order) {
        this.registry = registry;
        this.intake = intake;
        this.config = config;
        this.order = order;
    }

    /**
     * On a worker thread, which reads the body as it streams in (a body over the limit is refused by
     * its Content-Length, or as it arrives, never held whole), may inflate gzip and may wait for a
     * new topic's metadata. The 204 then waits for the acks without holding the thread. A sender's
     * numbered requests are handed to storage in their order ({@link SenderOrder}).
     */
    @POST
    @Blocking
    public CompletionStage<Response> post(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                          @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                          @HeaderParam(HttpHeaders.CONTENT_ENCODING) String contentEncoding,
                                          @HeaderParam("Logplex-Msg-Count") String msgCount,
                                          @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength,
                                          @HeaderParam(SenderOrder.HEADER) String sequence,
                                          InputStream body) {
        Optional<IntakeToken> token = bearer(authorization).flatMap(registry::token);
        if (token.isEmpty()) {
            if (!registry.isReady()) {
                return answer(new ApiError("unavailable", "The log router is starting; retry shortly.").toResponse(503));
            }
            return answer(Response.status(401).header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"jp logs\"")
                    .type("application/json").entity(new ApiError("unauthorized", "Invalid credentials provided.")).build());
        }
        if (contentType == null || !contentType.split(";")[0].trim().equalsIgnoreCase(LOGPLEX_1)) {
            return answer(new ApiError("unsupported_media_type", "Content-Type must be " + LOGPLEX_1 + ".").toResponse(415));
        }
        byte[] raw;
        try {
            raw = RequestBody.read(body, contentLength, config.intake().maxBodyBytes());
        } catch (MalformedLogsException e) {
            return answer(new ApiError("bad_request", "Malformed log messages").toResponse(400));
        } catch (RequestBody.TooLargeException e) {
            return answer(new ApiError("payload_too_large", e.getMessage()).toResponse(413));
        }
        return order.inTurn(sequence, () -> store(token.get(), raw, contentEncoding, msgCount));
    }

    private CompletionStage<Response> store(IntakeToken token, byte[] body, String contentEncoding, String msgCount) {
        String app = token.app();
        try {
            byte[] frames = RequestBody.decode(body, contentEncoding, config.intake().maxInflatedBytes());
            // No timer of its own: an answer of 503 while the producer still held lines would let
            // them be stored after the sender counted them lost. The producer settles every line
            // within its delivery timeout (KafkaClients), and the answer waits for that.
            return intake.take(token, frames, count(msgCount))
                    .handle((stored, error) -> error == null ? Response.noContent().build() : unavailable(app, error));
        } catch (MalformedLogsException e) {
            LOG.debugf("malformed logs for %s: %s", app, e.getMessage());
            return answer(new ApiError("bad_request", "Malformed log messages").toResponse(400));
        } catch (RequestBody.TooLargeException e) {
            return answer(new ApiError("payload_too_large", e.getMessage()).toResponse(413));
        } catch (RuntimeException e) {
            return answer(unavailable(app, e));
        }
    }

    private static Response unavailable(String app, Throwable error) {
        LOG.warnf(error, "could not store lines of %s", app);
        return new ApiError("unavailable", "Log storage is unavailable; retry.").toResponse(503);
    }

    private static CompletionStage<Response> answer(Response response) {
        return CompletableFuture.completedFuture(response);
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
