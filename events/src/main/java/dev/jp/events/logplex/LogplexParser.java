package dev.jp.events.logplex;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * Reads RFC 6587 octet-counted RFC 5424 frames ({@code <LEN> <PRI>1 TIMESTAMP HOST APP-NAME PROCID
 * MSGID SD MSG}) into {@link LogplexFrame}s: whole {@code application/logplex-1} bodies with
 * {@link #parseBody}, or a byte stream (a syslog TCP connection) with {@link #feed}, which keeps a
 * frame split across reads until its last byte arrives.
 *
 * <p>Rules, strict where a mistake would corrupt what follows and lenient where it cannot:
 *
 * <ul>
 *   <li>LEN counts bytes, 1..{@value #MAX_FRAME_BYTES}, decimal without a leading zero, followed by
 *       exactly one space. A longer frame is malformed: Logplex's limit, and what keeps a lying
 *       length from making the parser buffer without bound.
 *   <li>Line feeds (and carriage returns) between frames are skipped: senders that count a frame
 *       without its terminating newline still parse, and nothing else can hide there.
 *   <li>A length that lies is caught at the next frame boundary, whose prefix is then not a
 *       number, or at the end of the body, which then ends inside a frame.
 *   <li>TIMESTAMP must be RFC 3339; it is kept verbatim, never reformatted.
 *   <li>SD is {@code -} or bracketed elements, which are skipped. MSG loses a leading UTF-8 BOM and
 *       one trailing {@code \n}; bytes that are not UTF-8 become U+FFFD, never an error.
 * </ul>
 *
 * <p>An instance keeps the state of one stream and is not thread-safe; the static methods are.
 */
public final class LogplexParser {

    /** The largest frame, in bytes after the length prefix, that anyone accepts. */
    public static final int MAX_FRAME_BYTES = 10_240;

    private static final int MAX_LENGTH_DIGITS = Integer.toString(MAX_FRAME_BYTES).length();
    private static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};

    /** Stream state: the digits of the length being read, or the bytes of the frame being read. */
    private int length = -1;
    private int lengthDigits;
    private byte[] frame;
    private int frameFilled;

    /**
     * Every frame of a whole body, such as an intake request's.
     *
     * @throws MalformedFrameException if any frame is malformed or the body ends inside one; then
     *     nothing of the body is usable
     */
    public static List<LogplexFrame> parseBody(byte[] body) throws MalformedFrameException {
        return parseBody(body, OptionalInt.empty());
    }

    /**
     * Like {@link #parseBody(byte[])}, also checking the count the sender declared (its
     * {@code Logplex-Msg-Count} header), when it declared one.
     */
    public static List<LogplexFrame> parseBody(byte[] body, OptionalInt declaredCount)
            throws MalformedFrameException {
        LogplexParser parser = new LogplexParser();
        List<LogplexFrame> frames = parser.feed(body, 0, body.length);
        if (parser.midFrame()) {
            throw new MalformedFrameException("the body ends inside a frame");
        }
        if (declaredCount.isPresent() && declaredCount.getAsInt() != frames.size()) {
            throw new MalformedFrameException("Logplex-Msg-Count is " + declaredCount.getAsInt()
                    + " but the body holds " + frames.size() + " frames");
        }
        return frames;
    }

    /**
     * The frames completed by these bytes of a stream. Bytes of a frame not yet complete are kept
     * for the next call.
     *
     * @throws MalformedFrameException if the stream is malformed; the parser is then unusable,
     *     because nothing tells where the next frame would start
     */
    public List<LogplexFrame> feed(byte[] bytes, int offset, int count) throws MalformedFrameException {
        List<LogplexFrame> frames = new ArrayList<>();
        int i = offset;
        int end = offset + count;
        while (i < end) {
            if (frame != null) {
                int take = Math.min(end - i, frame.length - frameFilled);
                System.arraycopy(bytes, i, frame, frameFilled, take);
                frameFilled += take;
                i += take;
                if (frameFilled == frame.length) {
                    frames.add(parseFrame(frame, 0, frame.length));
                    frame = null;
                }
                continue;
            }
            byte b = bytes[i++];
            if (b >= '0' && b <= '9') {
                if (lengthDigits == 0 && b == '0') {
                    throw new MalformedFrameException("a frame length starts with 0");
                }
                length = (lengthDigits == 0 ? 0 : length) * 10 + (b - '0');
                if (++lengthDigits > MAX_LENGTH_DIGITS || length > MAX_FRAME_BYTES) {
                    throw new MalformedFrameException("a frame is longer than " + MAX_FRAME_BYTES + " bytes");
                }
            } else if (b == ' ' && lengthDigits > 0) {
                frame = new byte[length];
                frameFilled = 0;
                length = -1;
                lengthDigits = 0;
            } else if ((b == '\n' || b == '\r') && lengthDigits == 0) {
                // between frames: tolerated
            } else if (lengthDigits > 0) {
                throw new MalformedFrameException("the frame length is not followed by a space");
            } else {
                throw new MalformedFrameException("expected a frame length, found byte " + (b & 0xff));
            }
        }
        return frames;
    }

    /** Whether the bytes fed so far end inside a frame (or its length prefix). */
    public boolean midFrame() {
        return frame != null || lengthDigits > 0;
    }

    /**
     * One frame without its length prefix: {@code <PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID SD MSG}.
     *
     * @throws MalformedFrameException if the header is not RFC 5424 as Logplex takes it
     */
    public static LogplexFrame parseFrame(byte[] bytes, int offset, int count) throws MalformedFrameException {
        Cursor cursor = new Cursor(bytes, offset, offset + count);
        int priority = cursor.priority();
        cursor.expect((byte) '1', "the syslog version is not 1");
        cursor.expect((byte) ' ', "the version is not followed by a space");
        String timestamp = cursor.token("TIMESTAMP");
        if (!isRfc3339(timestamp)) {
            throw new MalformedFrameException("TIMESTAMP is not RFC 3339: " + timestamp);
        }
        String host = cursor.token("HOSTNAME");
        String appName = cursor.token("APP-NAME");
        String procId = cursor.token("PROCID");
        String msgId = cursor.token("MSGID");
        cursor.structuredData();
        String message = cursor.message();
        return new LogplexFrame(priority, timestamp, host, appName, procId, msgId, message);
    }

    /**
     * {@code dddd-dd-ddTdd:dd:dd[.d{1,9}](Z|[+-]dd:dd)}, checked by hand: a regular expression per
     * line was the intake's largest parsing cost.
     */
    static boolean isRfc3339(String text) {
        int n = text.length();
        if (n < 20 || !digitsAndSeparators(text, "dddd-dd-ddTdd:dd:dd")) {
            return false;
        }
        int i = 19;
        if (text.charAt(i) == '.') {
            int start = ++i;
            while (i < n && isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start || i - start > 9) {
                return false;
            }
        }
        if (i == n - 1) {
            return text.charAt(i) == 'Z';
        }
        return i == n - 6 && (text.charAt(i) == '+' || text.charAt(i) == '-')
                && digitsAndSeparators(text.substring(i + 1), "dd:dd");
    }

    /** Whether {@code text} starts with {@code shape}: {@code d} for a digit, anything else for itself. */
    private static boolean digitsAndSeparators(String text, String shape) {
        if (text.length() < shape.length()) {
            return false;
        }
        for (int i = 0; i < shape.length(); i++) {
            char wanted = shape.charAt(i);
            if (wanted == 'd' ? !isDigit(text.charAt(i)) : text.charAt(i) != wanted) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** A read position inside one frame. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        private int pos;

        Cursor(byte[] bytes, int start, int end) {
            this.bytes = bytes;
            this.pos = start;
            this.end = end;
        }

        int priority() throws MalformedFrameException {
            expect((byte) '<', "a frame does not start with <PRI>");
            int value = 0;
            int digits = 0;
            while (pos < end && bytes[pos] >= '0' && bytes[pos] <= '9' && digits < 3) {
                value = value * 10 + (bytes[pos++] - '0');
                digits++;
            }
            if (digits == 0 || value > 191) {
                throw new MalformedFrameException("PRI is not 0..191");
            }
            expect((byte) '>', "PRI is not closed by >");
            return value;
        }

        void expect(byte wanted, String problem) throws MalformedFrameException {
            if (pos >= end || bytes[pos] != wanted) {
                throw new MalformedFrameException(problem);
            }
            pos++;
        }

        /** A header field: printable ASCII up to the next space, which is consumed. */
        String token(String field) throws MalformedFrameException {
            int start = pos;
            while (pos < end && bytes[pos] != ' ') {
                if (bytes[pos] <= 32 || bytes[pos] >= 127) {
                    throw new MalformedFrameException(field + " is not printable ASCII");
                }
                pos++;
            }
            if (pos == start) {
                throw new MalformedFrameException(field + " is empty");
            }
            if (pos >= end) {
                throw new MalformedFrameException("the frame ends after " + field);
            }
            String value = new String(bytes, start, pos - start, StandardCharsets.US_ASCII);
            pos++;
            return value;
        }

        /** {@code -} or {@code [id param="value"]...}, with {@code \]} escaped inside values. */
        void structuredData() throws MalformedFrameException {
            if (pos < end && bytes[pos] == '-') {
                pos++;
                return;
            }
            if (pos >= end || bytes[pos] != '[') {
                throw new MalformedFrameException("STRUCTURED-DATA is neither - nor [...]");
            }
            while (pos < end && bytes[pos] == '[') {
                boolean inValue = false;
                pos++;
                while (true) {
                    if (pos >= end) {
                        throw new MalformedFrameException("STRUCTURED-DATA is not closed");
                    }
                    byte b = bytes[pos++];
                    if (inValue && b == '\\' && pos < end) {
                        pos++;
                    } else if (b == '"') {
                        inValue = !inValue;
                    } else if (b == ']' && !inValue) {
                        break;
                    }
                }
            }
        }

        String message() throws MalformedFrameException {
            if (pos >= end) {
                return "";
            }
            expect((byte) ' ', "STRUCTURED-DATA is not followed by a space");
            int start = pos;
            int stop = end;
            if (stop - start >= BOM.length && Arrays.equals(bytes, start, start + BOM.length, BOM, 0, BOM.length)) {
                start += BOM.length;
            }
            if (stop > start && bytes[stop - 1] == '\n') {
                stop--;
            }
            // The String constructor replaces malformed UTF-8 with U+FFFD.
            return new String(bytes, start, stop - start, StandardCharsets.UTF_8);
        }
    }
}
