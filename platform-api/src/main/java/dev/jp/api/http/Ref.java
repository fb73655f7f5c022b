package dev.jp.api.http;

/** A reference to another resource, as Heroku nests them: {@code {"id": ..., "name": ...}}. */
public record Ref(String id, String name) {
}
