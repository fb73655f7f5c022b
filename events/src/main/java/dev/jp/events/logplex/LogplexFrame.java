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

    private static final DateTimeFormatter RFC3339_SECONDS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss").withZone(ZoneOffset.UTC);

    public LogplexFrame {
        requireHeader(priority, timestamp, host, appName, procId, msgId);
        Objects.requireNonNull(message, "message is required");
    }

    /**
     * Heroku's timestamp: microseconds and an explicit {@code +00:00}. A dyno's lines are stamped
     * one by one, so the date and time of day, formatted once per second, are reused and only the
     * microseconds are written per line (a formatter per line was a third of the runner's CPU per line).
     */
    public static String timestamp(Instant instant) {
        SecondPrefix prefix = lastSecond;
        long second = instant.getEpochSecond();
        if (prefix.second != second) {
            prefix = new SecondPrefix(second, RFC3339_SECONDS.format(Instant.ofEpochSecond(second)));
            lastSecond = prefix;
        }
        char[] text = new char[prefix.text.length() + 7 + 6];
        prefix.text.getChars(0, prefix.text.length(), text, 0);
        int at = prefix.text.length();
        text[at++] = '.';
        int micros = instant.getNano() / 1_000;
        for (int i = at + 5; i >= at; i--) {
            text[i] = (char) ('0' + micros % 10);
            micros /= 10;
        }
        "+00:00".getChars(0, 6, text, at + 6);
        return new String(text);
    }

    /** {@code yyyy-MM-ddTHH:mm:ss} of one epoch second; immutable, so it is shared between threads safely. */
    private record SecondPrefix(long second, String text) {
    }

    private static volatile SecondPrefix lastSecond = new SecondPrefix(Long.MIN_VALUE, "");

    /** The frame without its length prefix. */
    public String toSyslog() {
        return "<" + priority + ">1 " + timestamp + " " + host + " " + appName + " " + procId + " " + msgId + " - " + message;
    }

    /** {@code <LEN> <frame>}, ready to append to an {@code application/logplex-1} body. */
    public byte[] toOctetCounted() {
        byte[] frame = toSyslog().getBytes(StandardCharsets.UTF_8);
        int digits = Integer.toString(frame.length).length();
        byte[] counted = new byte[digits + 1 + frame.length];
        for (int i = digits - 1, length = frame.length; i >= 0; i--, length /= 10) {
            counted[i] = (byte) ('0' + length % 10);
        }
        counted[digits] = ' ';
        System.arraycopy(frame, 0, counted, digits + 1, frame.length);
        return counted;
    }

    /**
     * {@link #toOctetCounted()} of the frame with these fields whose message is the UTF-8 bytes
     * {@code message[offset, offset + length)}, written straight into the one array it answers: for a
     * sender of many lines (a dyno's output), which then never makes a string of a line. The
     * message must already be valid UTF-8 without line breaks at its ends, as a
     * {@code LogplexFrame}'s message would encode; the header fields are checked as the constructor
     * checks them.
     */
    public static byte[] toOctetCounted(int priority, String timestamp, String host, String appName, String procId,
                                        String msgId, byte[] message, int offset, int length) {
        requireHeader(priority, timestamp, host, appName, procId, msgId);
        int priorityDigits = priority >= 100 ? 3 : priority >= 10 ? 2 : 1;
        // <PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID - MSG
        int frameLength = 1 + priorityDigits + 3 + timestamp.length() + 1 + host.length() + 1 + appName.length() + 1
                + procId.length() + 1 + msgId.length() + 3 + length;
        int lengthDigits = 1;
        for (int rest = frameLength; rest >= 10; rest /= 10) {
            lengthDigits++;
        }
        byte[] counted = new byte[lengthDigits + 1 + frameLength];
        writeDigits(counted, 0, lengthDigits, frameLength);
        int at = lengthDigits;
        counted[at++] = ' ';
        counted[at++] = '<';
        writeDigits(counted, at, priorityDigits, priority);
        at += priorityDigits;
        counted[at++] = '>';
        counted[at++] = '1';
        counted[at++] = ' ';
        at = writeAscii(counted, at, timestamp);
        at = writeAscii(counted, at, host);
        at = writeAscii(counted, at, appName);
        at = writeAscii(counted, at, procId);
        at = writeAscii(counted, at, msgId);
        counted[at++] = '-';
        counted[at++] = ' ';
        System.arraycopy(message, offset, counted, at, length);
        return counted;
    }

    private static void writeDigits(byte[] into, int at, int digits, int value) {
        for (int i = at + digits - 1; i >= at; i--, value /= 10) {
            into[i] = (byte) ('0' + value % 10);
        }
    }

    /** A checked header token and the space after it. */
    private static int writeAscii(byte[] into, int at, String token) {
        for (int i = 0; i < token.length(); i++) {
            into[at++] = (byte) token.charAt(i);
        }
        into[at++] = ' ';
        return at;
    }

    /** A header field is one printable ASCII token: no space, never empty. */
    /** The checks every frame's header passes, whether it is built as a record or written as bytes. */
    private static void requireHeader(int priority, String timestamp, String host, String appName, String procId,
                                      String msgId) {
        if (priority < 0 || priority > 191) {
            throw new IllegalArgumentException("syslog priority must be 0..191, was " + priority);
        }
        requireToken(timestamp, "timestamp");
        requireToken(host, "host");
        requireToken(appName, "appName");
        requireToken(procId, "procId");
        requireToken(msgId, "msgId");
    }

    private static void requireToken(String value, String name) {
        Objects.requireNonNull(value, name + " is required");
        boolean printable = !value.isEmpty();
        for (int i = 0; i < value.length() && printable; i++) {
            char c = value.charAt(i);
            printable = c > 32 && c < 127;
        }
        if (!printable) {
            throw new IllegalArgumentException(name + " must be printable ASCII without spaces, was '" + value + "'");
        }
    }
}
