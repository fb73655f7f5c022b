package dev.jp.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The one place errors become responses, in Heroku's shape and with the right status: never an
 * empty body, a class name or a stack trace.
 */
public class ApiExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ApiExceptionMappers.class);

    public static Response of(int status, String id, String message) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(new ApiError(id, message)).build();
    }

    @ServerExceptionMapper
    public Response api(ApiException e) {
        return of(e.status(), e.id(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response malformedJson(JsonProcessingException e) {
        return of(400, "bad_request", "The request body is not valid JSON: " + e.getOriginalMessage());
    }

    /** Valid JSON of the wrong shape (a list for an object); without this, Quarkus answers an empty 400. */
    @ServerExceptionMapper
    public Response wrongShape(com.fasterxml.jackson.databind.exc.MismatchedInputException e) {
        return of(400, "bad_request", "The request body is JSON of the wrong shape, such as a list where an object belongs.");
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        return switch (status) {
            case 404 -> of(404, "not_found", "Not found.");
            case 405 -> of(405, "method_not_allowed", "That method is not allowed here.");
            case 406, 415 -> of(status, "bad_request", "Send and accept application/json.");
            case 413 -> of(413, "request_entity_too_large", "The request body is too large.");
            default -> status >= 500 ? internal(e) : of(status, "bad_request", "The request was not understood.");
        };
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        return internal(e);
    }

    private static Response internal(Exception e) {
        LOG.error("unexpected error answering a request", e);
        return of(500, "internal_server_error", "Something went wrong on the platform's side; it was logged.");
    }
}
