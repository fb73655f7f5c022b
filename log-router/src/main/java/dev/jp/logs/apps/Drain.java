package dev.jp.logs.apps;

/**
 * A log drain of an app, as {@code drain.added.v1} described it.
 *
 * @param id    the drain's UUID
 * @param url   where its lines go
 * @param token {@code d.<uuid>}, sent with every line so the receiver can tell drains apart
 */
public record Drain(String id, String url, String token) {
}
