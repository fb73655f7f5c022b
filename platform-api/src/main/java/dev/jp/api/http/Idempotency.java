package dev.jp.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.jp.api.accounts.Account;
import dev.jp.api.accounts.Authentication;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code Idempotency-Key} on writes: the first answer (status and body) is kept per account and
 * key, and a retry with the same key gets that answer again, with {@code Idempotent-Replayed:
 * true}, without deciding or appending anything. A key reused for another request is refused.
 * Server errors are not kept, so a retry after a 503 really retries; but when that 503 said "recorded
 * but not yet applied" and the event was applied since, the retry changes nothing and answers with
 * the state as it is (see {@link IdempotentRequest}).
 */
public class Idempotency {

    static final String HEADER = "Idempotency-Key";
    private static final String PENDING = "jp.idempotency";

    private final Mutiny.SessionFactory sessions;
    private final ObjectMapper json;
    private final IdempotentRequest current;

    public Idempotency(Mutiny.SessionFactory sessions, ObjectMapper json, IdempotentRequest current) {
        this.sessions = sessions;
        this.json = json;
        this.current = current;
    }

    /** Runs after authentication, which knows the account. */
    @ServerRequestFilter(priority = Priorities.AUTHENTICATION + 100)
    public Uni<Response> replay(ContainerRequestContext request) {
        String key = request.getHeaderString(HEADER);
        Account account = Authentication.of(request);
        if (key == null || key.isBlank() || account == null || "GET".equals(request.getMethod())) {
            return Uni.createFrom().nullItem();
        }
        if (key.length() > 200) {
            return Uni.createFrom().item(ApiExceptionMappers.of(400, "bad_request", "Idempotency-Key is longer than 200 characters."));
        }
        String id = account.id() + ":" + key;
        String signature = request.getMethod() + " " + request.getUriInfo().getPath();
        return sessions.withSession(session -> session.find(IdempotencyRow.class, id)).map(row -> {
            if (row != null && !row.request.equals(signature)) {
                return ApiExceptionMappers.of(422, "invalid_params", "This Idempotency-Key was used for another request.");
            }
            if (row == null || row.status == IdempotencyRow.APPLIED) {
                request.setProperty(PENDING, id);
                current.begin(id, signature);
                if (row != null) {
                    current.applied(row.appName);
                }
                return null;
            }
            return Response.status(row.status).type(MediaType.APPLICATION_JSON_TYPE).entity(row.body)
                    .header("Idempotent-Replayed", "true").build();
        });
    }

    @ServerResponseFilter
    public Uni<Void> remember(ContainerRequestContext request, ContainerResponseContext response) {
        String pending = (String) request.getProperty(PENDING);
        if (pending == null || response.getStatus() >= 500) {
            return Uni.createFrom().voidItem();
        }
        int status = response.getStatus();
        String body = body(response.getEntity());
        String signature = request.getMethod() + " " + request.getUriInfo().getPath();
        // The projector may have written the row already (with the event's position): keep that, add the answer.
        return sessions.withTransaction(session -> session.find(IdempotencyRow.class, pending).chain(found -> {
            IdempotencyRow row = found == null ? new IdempotencyRow() : found;
            row.key = pending;
            row.request = signature;
            row.status = status;
            row.body = body;
            row.createdAt = Instant.now();
            return found == null ? session.persist(row) : Uni.createFrom().voidItem();
        })).onFailure().recoverWithItem(() -> null).replaceWithVoid();
    }

    private String body(Object entity) {
        if (entity == null) {
            return null;
        }
        try {
            return entity instanceof String text ? text : json.writeValueAsString(entity);
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
