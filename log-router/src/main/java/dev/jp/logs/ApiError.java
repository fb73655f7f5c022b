package dev.jp.logs;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * Heroku's error shape, {@code {"id": "not_found", "message": "..."}}: the only body an error of
 * this service has.
 */
public record ApiError(String id, String message) {

    public Response toResponse(int status) {
        return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(this).build();
    }

    /** The same, for routes written on Vert.x directly. */
    public String toJson() {
        return "{\"id\":\"" + id + "\",\"message\":\"" + message.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
