package dev.jp.events.logplex;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Objects;

/**
 * One log line on the wire, as Logplex takes it: an RFC 5424 syslog message without structured
 * data, {@code <PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID - MSG}, sent octet-counted (RFC 6587):
 * {@code <LEN> <frame>}, LEN in bytes. This is the body of {@code application/logplex-1} requests
 * to log-router's intake and to HTTPS drains, and the framing of syslog drains.
 *
 * <p>At the intake, {@code appName} is the source ({@code app} or {@code heroku}) and {@code procId}
 * the dyno ({@code web.1}, {@code api}); the token in the request's Basic auth names the app.
 *
 * @param priority  the syslog PRI: facility × 8 + severity ({@link #INFO}, {@link #ERROR})
 * @param timestamp RFC 3339, e.g. {@code 2026-11-21T10:14:40.123456+00:00}; passed through verbatim
 * @param host      the sending host, or a drain token ({@code d.<uuid>}) on drains
 * @param appName   the source: {@code app} for a dyno's own output, {@code heroku} for the platform's lines
 * @param procId    the dyno or component: {@code web.1}, {@code run.4}, {@code api}, {@code router}
 * @param msgId     {@code -} unless a sender has a reason
 * @param message   the line itself, without a line terminator
 */
public record LogplexFrame(int priority, String timestamp, String host, String appName, String procId,
                           String msgId, String message) {

    /** local7.info, what Logplex gives ordinary lines. */
    public static final int INFO = 190;
    /** local7.err, for a dyno's stderr. */
    public static final int ERROR = 187;

    private static final DateTimeFormatter RFC3339_MICROS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx").withZone(ZoneOffset.UTC);

    public LogplexFrame {
        if (priority < 0 || priority > 191) {
            throw new IllegalArgumentException("syslog priority must be 0..191, was " + priority);
        }
        requireToken(timestamp, "timestamp");
        requireToken(host, "host");
        requireToken(appName, "appName");
        requireToken(procId, "procId");
        requireToken(msgId, "msgId");
        Objects.requireNonNull(message, "message is required");
    }

    /** Heroku's timestamp: microseconds and an explicit {@code +00:00}. */
    public static String timestamp(Instant instant) {
        return RFC3339_MICROS.format(instant);
    }

    /** The frame without its length prefix. */
    public String toSyslog() {
        return "<" + priority + ">1 " + timestamp + " " + host + " " + appName + " " + procId + " " + msgId + " - " + message;
    }

    /** {@code <LEN> <frame>}, ready to append to an {@code application/logplex-1} body. */
    public byte[] toOctetCounted() {
        byte[] frame = toSyslog().getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (frame.length + " ").getBytes(StandardCharsets.US_ASCII);
        byte[] counted = new byte[prefix.length + frame.length];
        System.arraycopy(prefix, 0, counted, 0, prefix.length);
        System.arraycopy(frame, 0, counted, prefix.length, frame.length);
        return counted;
    }

    /** A header field is one printable ASCII token: no space, never empty. */
    private static void requireToken(String value, String name) {
        Objects.requireNonNull(value, name + " is required");
        if (value.isEmpty() || !value.chars().allMatch(c -> c > 32 && c < 127)) {
            throw new IllegalArgumentException(name + " must be printable ASCII without spaces, was '" + value + "'");
        }
    }
}
