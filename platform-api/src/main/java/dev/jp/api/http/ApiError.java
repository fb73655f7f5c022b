package dev.jp.api.http;

/** Heroku's error body: {@code {"id": "not_found", "message": "Couldn't find that app."}}. */
public record ApiError(String id, String message) {
}
