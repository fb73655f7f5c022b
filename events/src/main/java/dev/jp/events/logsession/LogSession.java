package dev.jp.events.logsession;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;

/**
 * What one {@code jp logs} request asked for, carried inside its {@code logplex_url}: platform-api
 * decides it (after checking the caller may read the app) and log-router serves it, with nothing
 * stored in between. See {@link LogSessionToken}.
 *
 * @param app       the app whose lines are read
 * @param dyno      a dyno name ({@code web.1}) or a process type ({@code web}, matching every
 *                  {@code web.N}); null for every dyno
 * @param source    {@code app} or {@code heroku}; null for both
 * @param lines     how many lines of history to send first, at least 0
 * @param tail      whether to follow new lines after the history
 * @param expiresAt the last moment a client may first connect (platform-api: creation + 5 minutes)
 * @param nonce     at least 128 random bits (URL-safe base64), so no two sessions share a URL
 */
public record LogSession(String app, String dyno, String source, int lines, boolean tail, Instant expiresAt,
                         String nonce) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public LogSession {
        requireField(app, "app", false);
        requireField(dyno, "dyno", true);
        requireField(source, "source", true);
        requireField(nonce, "nonce", false);
        if (lines < 0) {
            throw new IllegalArgumentException("lines must be at least 0, was " + lines);
        }
        Objects.requireNonNull(expiresAt, "expiresAt is required");
    }

    /** A new session with a fresh 128-bit nonce. */
    public static LogSession create(String app, String dyno, String source, int lines, boolean tail,
                                    Instant expiresAt) {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return new LogSession(app, dyno, source, lines, tail, expiresAt,
                Base64.getUrlEncoder().withoutPadding().encodeToString(nonce));
    }

    /** Fields are printable ASCII without spaces, which keeps the token's encoding trivial. */
    private static void requireField(String value, String name, boolean nullable) {
        if (value == null) {
            if (nullable) {
                return;
            }
            throw new NullPointerException(name + " is required");
        }
        if (value.isEmpty() || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException(name + " must be printable ASCII without spaces, was '" + value + "'");
        }
    }
}
