package dev.jp.logs.apps;

/**
 * What an intake token ({@code t.<uuid>}) lets its holder post: lines of one app, from one source.
 *
 * @param app    the app the lines belong to
 * @param source {@code app} (the app token) or {@code heroku} (the platform token)
 */
public record IntakeToken(String app, String source) {
}
