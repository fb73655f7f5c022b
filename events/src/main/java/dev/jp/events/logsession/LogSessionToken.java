package dev.jp.events.logsession;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code {id}} of a {@code logplex_url} ({@code …/sessions/{id}}): a {@link LogSession} signed
 * with a secret that platform-api and log-router share ({@code jp.log-session-secret}), so the
 * router serves a session without asking anyone, and the URL is the capability.
 *
 * <p>Form: {@code base64url(payload) "." base64url(HMAC-SHA256(secret, payload))}, where the
 * payload is {@code v1} and the session's fields, one per line (empty for null). The HMAC covers
 * all of it, so changing any field (another app, more lines) breaks the signature; the nonce's 128
 * random bits make a URL unguessable; {@code expiresAt} bounds how long it can be used.
 */
public final class LogSessionToken {

    private static final String VERSION = "v1";
    private static final String HMAC = "HmacSHA256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private LogSessionToken() {
    }

    /** The session as a URL path segment, signed with {@code secret}. */
    public static String issue(LogSession session, byte[] secret) {
        Objects.requireNonNull(session, "session is required");
        String payload = String.join("\n", VERSION, session.app(), orEmpty(session.dyno()),
                orEmpty(session.source()), Integer.toString(session.lines()), Boolean.toString(session.tail()),
                session.expiresAt().toString(), session.nonce());
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes, secret));
    }

    /**
     * The session, if {@code id} was issued with {@code secret} and has not expired at {@code now}
     * (an instant after {@link LogSession#expiresAt()}). Empty for anything else: forged, edited,
     * truncated, expired or not a token at all; the caller answers 404 in every case.
     */
    public static Optional<LogSession> verify(String id, byte[] secret, Instant now) {
        Objects.requireNonNull(now, "now is required");
        if (id == null) {
            return Optional.empty();
        }
        int dot = id.indexOf('.');
        if (dot <= 0 || dot != id.lastIndexOf('.')) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] signature;
        try {
            payload = DECODER.decode(id.substring(0, dot));
            signature = DECODER.decode(id.substring(dot + 1));
        } catch (IllegalArgumentException notBase64) {
            return Optional.empty();
        }
        // Constant time, so the signature cannot be found byte by byte.
        if (!MessageDigest.isEqual(sign(payload, secret), signature)) {
            return Optional.empty();
        }
        Optional<LogSession> session = read(new String(payload, StandardCharsets.UTF_8));
        return session.filter(s -> !now.isAfter(s.expiresAt()));
    }

    private static Optional<LogSession> read(String payload) {
        String[] f = payload.split("\n", -1);
        if (f.length != 8 || !VERSION.equals(f[0])) {
            return Optional.empty();
        }
        try {
            return Optional.of(new LogSession(f[1], orNull(f[2]), orNull(f[3]), Integer.parseInt(f[4]),
                    Boolean.parseBoolean(f[5]), Instant.parse(f[6]), f[7]));
        } catch (RuntimeException signedButUnreadable) {
            return Optional.empty();
        }
    }

    private static byte[] sign(byte[] payload, byte[] secret) {
        Objects.requireNonNull(secret, "secret is required");
        if (secret.length == 0) {
            throw new IllegalArgumentException("the log session secret is empty");
        }
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(secret, HMAC));
            return mac.doFinal(payload);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            // Every Java runtime has HmacSHA256, and any non-empty key is valid for it.
            throw new IllegalStateException(e);
        }
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }

    private static String orNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
