package dev.jp.api.http;

/**
 * A request the API refuses, answered as Heroku does: the status and {@code {"id": ..., "message": ...}}.
 * Thrown by validation and decisions; mapped to a response in one place ({@link ApiExceptionMapper}).
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String id;

    public ApiException(int status, String id, String message) {
        super(message, null, false, false);
        this.status = status;
        this.id = id;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, "bad_request", message);
    }

    public static ApiException unauthorized(String message) {
        return new ApiException(401, "unauthorized", message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, "not_found", message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, "conflict", message);
    }

    public static ApiException preconditionFailed(String message) {
        return new ApiException(412, "precondition_failed", message);
    }

    public static ApiException tooLarge(String message) {
        return new ApiException(413, "request_entity_too_large", message);
    }

    public static ApiException invalid(String message) {
        return new ApiException(422, "invalid_params", message);
    }

    public static ApiException unavailable(String message) {
        return new ApiException(503, "service_unavailable", message);
    }

    public static ApiException appNotFound() {
        return notFound("Couldn't find that app.");
    }

    public int status() {
        return status;
    }

    public String id() {
        return id;
    }
}
