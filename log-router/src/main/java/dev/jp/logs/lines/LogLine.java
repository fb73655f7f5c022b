package dev.jp.logs.lines;

import dev.jp.events.logplex.RawFrame;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One log line as {@code logs.<app>} stores it (key = {@link #dyno()}).
 *
 * @param priority  the syslog PRI the sender gave it (190 for ordinary lines, 187 for stderr), passed
 *                  on to drains
 * @param timestamp RFC 3339 as the sender wrote it; never reformatted
 * @param source    {@code app} or {@code heroku}
 * @param dyno      {@code web.1}, {@code api}, {@code router}, {@code logplex}
 * @param message   the text, without line terminator
 */
public record LogLine(int priority, String timestamp, String source, String dyno, String message) {

    /** The priority of a line whose sender said nothing else: local7.info. */
    public static final int INFO = 190;

    /** A line of ordinary priority. */
    public LogLine(String timestamp, String source, String dyno, String message) {
        this(INFO, timestamp, source, dyno, message);
    }

    public LogLine {
        Objects.requireNonNull(timestamp, "timestamp is required");
        Objects.requireNonNull(source, "source is required");
        Objects.requireNonNull(dyno, "dyno is required");
        Objects.requireNonNull(message, "message is required");
    }

    /** Heroku's rendering: {@code 2026-11-21T10:14:40.123456+00:00 app[web.1]: message}. */
    public String render() {
        return timestamp + " " + source + "[" + dyno + "]: " + message;
    }

    /**
     * The Kafka record value: {@code priority timestamp source dyno message} in UTF-8. The first four
     * are header tokens without spaces (the framing guarantees it), so the first four spaces split
     * it unambiguously, and a record is hardly larger than the line itself.
     */
    public byte[] encode() {
        return (priority + " " + timestamp + " " + source + " " + dyno + " " + message).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The record value of a frame as the intake took it, the same bytes as {@link #encode()} of the
     * line made from it, built straight from the request's bytes: the header fields are ASCII and
     * an ASCII message is copied as it is; only a message with other bytes is decoded (to replace
     * what is not UTF-8) and encoded again.
     */
    public static byte[] encode(RawFrame frame) {
        byte[] body = frame.bytes();
        byte[] message;
        int messageStart;
        int messageLength;
        if (frame.messageIsAscii()) {
            message = body;
            messageStart = frame.messageStart();
            messageLength = frame.messageEnd() - frame.messageStart();
        } else {
            message = frame.message().getBytes(StandardCharsets.UTF_8);
            messageStart = 0;
            messageLength = message.length;
        }
        int priority = frame.priority();
        int priorityDigits = priority >= 100 ? 3 : priority >= 10 ? 2 : 1;
        // "<pri> <timestamp> <source> <dyno> ": the frame's header from TIMESTAMP to PROCID, less HOSTNAME.
        int timestampLength = frame.hostStart() - frame.timestampStart();
        int sourceAndDynoLength = frame.msgIdStart() - frame.appNameStart();
        byte[] value = new byte[priorityDigits + 1 + timestampLength + sourceAndDynoLength + messageLength];
        int at = priorityDigits;
        for (int i = at - 1; i >= 0; i--, priority /= 10) {
            value[i] = (byte) ('0' + priority % 10);
        }
        value[at++] = ' ';
        System.arraycopy(body, frame.timestampStart(), value, at, timestampLength);
        at += timestampLength;
        System.arraycopy(body, frame.appNameStart(), value, at, sourceAndDynoLength);
        at += sourceAndDynoLength;
        System.arraycopy(message, messageStart, value, at, messageLength);
        return value;
    }

    /**
     * The line in a record value written by {@link #encode()}, or by the first version, which had no
     * priority (a timestamp never is all digits, so the two are told apart by the first token).
     */
    public static LogLine decode(byte[] value) {
        String text = new String(value, StandardCharsets.UTF_8);
        int priority = INFO;
        int first = text.indexOf(' ');
        if (first > 0 && first <= 3 && text.substring(0, first).chars().allMatch(Character::isDigit)) {
            priority = Integer.parseInt(text.substring(0, first));
            text = text.substring(first + 1);
        }
        int a = text.indexOf(' ');
        int b = text.indexOf(' ', a + 1);
        int c = text.indexOf(' ', b + 1);
        if (a < 0 || b < 0 || c < 0) {
            throw new IllegalArgumentException("not a log line record: " + text);
        }
        return new LogLine(priority, text.substring(0, a), text.substring(a + 1, b), text.substring(b + 1, c),
                text.substring(c + 1));
    }
}
