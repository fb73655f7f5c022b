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
        List<LogplexFrame> frames = new ArrayList<>();
        parseBody(body, declaredCount, raw -> frames.add(raw.toFrame()));
        return frames;
    }

    /**
     * Every frame of a whole body as a {@link RawFrame}, its fields left as positions in
     * {@code body}, for a reader that passes the bytes on rather than decoding them: the same rules
     * as {@link #parseBody(byte[], OptionalInt)}. The sink sees each frame as soon as it is read,
     * so it must hold on to nothing until this returns without throwing.
     *
     * @return how many frames the body holds
     */
    public static int parseBody(byte[] body, OptionalInt declaredCount, FrameSink sink)
            throws MalformedFrameException {
        LogplexParser parser = new LogplexParser();
        int frames = parser.feed(body, 0, body.length, sink);
        if (parser.midFrame()) {
            throw new MalformedFrameException("the body ends inside a frame");
        }
        if (declaredCount.isPresent() && declaredCount.getAsInt() != frames) {
            throw new MalformedFrameException("Logplex-Msg-Count is " + declaredCount.getAsInt()
                    + " but the body holds " + frames + " frames");
        }
        return frames;
    }

    /** Takes each frame as it is read. */
    @FunctionalInterface
    public interface FrameSink {
        void accept(RawFrame frame) throws MalformedFrameException;
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
        feed(bytes, offset, count, raw -> frames.add(raw.toFrame()));
        return frames;
    }

    /**
     * Like {@link #feed(byte[], int, int)}, each frame to {@code sink} as a {@link RawFrame}: a frame
     * that lies whole in these bytes is read where it is, not copied. Answers how many frames.
     */
    private int feed(byte[] bytes, int offset, int count, FrameSink sink) throws MalformedFrameException {
        int frames = 0;
        int i = offset;
        int end = offset + count;
        while (i < end) {
            if (frame != null) {
                int take = Math.min(end - i, frame.length - frameFilled);
                System.arraycopy(bytes, i, frame, frameFilled, take);
                frameFilled += take;
                i += take;
                if (frameFilled == frame.length) {
                    sink.accept(parseRaw(frame, 0, frame.length));
                    frames++;
                    frame = null;
                }
                continue;
            }
            if (length >= 0 && lengthDigits == 0) {
                // The length and its space were read and the frame lies whole in these bytes.
                int frameLength = length;
                length = -1;
                if (end - i >= frameLength) {
                    sink.accept(parseRaw(bytes, i, frameLength));
                    frames++;
                    i += frameLength;
                } else {
                    frame = new byte[frameLength];
                    frameFilled = 0;
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
                // length stays set with no digits pending: the frame starts at the next byte.
                lengthDigits = 0;
            } else if ((b == '\n' || b == '\r') && lengthDigits == 0) {
                // between frames: tolerated
            } else if (lengthDigits > 0) {
                throw new MalformedFrameException("the frame length is not followed by a space");
            } else {
                throw new MalformedFrameException("expected a frame length, found byte " + (b & 0xff));
            }
        }
        if (length >= 0 && lengthDigits == 0) {
            // The bytes ended right after a length's space: the frame starts in the next ones.
            frame = new byte[length];
            frameFilled = 0;
            length = -1;
        }
        return frames;
    }

    /** Whether the bytes fed so far end inside a frame (or its length prefix). */
    public boolean midFrame() {
        return frame != null || lengthDigits > 0 || length >= 0;
    }

    /**
     * One frame without its length prefix: {@code <PRI>1 TIMESTAMP HOST APP-NAME PROCID MSGID SD MSG}.
     *
     * @throws MalformedFrameException if the header is not RFC 5424 as Logplex takes it
     */
    public static LogplexFrame parseFrame(byte[] bytes, int offset, int count) throws MalformedFrameException {
        return parseRaw(bytes, offset, count).toFrame();
    }

    /** Like {@link #parseFrame}, the fields left where they are in {@code bytes}. */
    public static RawFrame parseRaw(byte[] bytes, int offset, int count) throws MalformedFrameException {
        Cursor cursor = new Cursor(bytes, offset, offset + count);
        int priority = cursor.priority();
        cursor.expect((byte) '1', "the syslog version is not 1");
        cursor.expect((byte) ' ', "the version is not followed by a space");
        int timestamp = cursor.token("TIMESTAMP");
        if (!isRfc3339(bytes, timestamp, cursor.pos - 1)) {
            throw new MalformedFrameException("TIMESTAMP is not RFC 3339: "
                    + new String(bytes, timestamp, cursor.pos - 1 - timestamp, StandardCharsets.US_ASCII));
        }
        int host = cursor.token("HOSTNAME");
        int appName = cursor.token("APP-NAME");
        int procId = cursor.token("PROCID");
        int msgId = cursor.token("MSGID");
        int msgIdEnd = cursor.pos - 1;
        cursor.structuredData();
        cursor.message();
        return new RawFrame(bytes, priority, timestamp, host, appName, procId, msgId, msgIdEnd,
                cursor.messageStart, cursor.messageEnd);
    }

    /**
     * {@code dddd-dd-ddTdd:dd:dd[.d{1,9}](Z|[+-]dd:dd)}, checked by hand: a regular expression per
     * line was the intake's largest parsing cost.
     */
    static boolean isRfc3339(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        return isRfc3339(bytes, 0, bytes.length);
    }

    /** {@link #isRfc3339(String)} of {@code bytes[start, end)}. */
    private static boolean isRfc3339(byte[] bytes, int start, int end) {
        int n = end - start;
        if (n < 20 || !digitsAndSeparators(bytes, start, end, "dddd-dd-ddTdd:dd:dd")) {
            return false;
        }
        int i = start + 19;
        if (bytes[i] == '.') {
            int first = ++i;
            while (i < end && isDigit(bytes[i])) {
                i++;
            }
            if (i == first || i - first > 9) {
                return false;
            }
        }
        if (i == end - 1) {
            return bytes[i] == 'Z';
        }
        return i == end - 6 && (bytes[i] == '+' || bytes[i] == '-')
                && digitsAndSeparators(bytes, i + 1, end, "dd:dd");
    }

    /** Whether {@code bytes[start, end)} starts with {@code shape}: {@code d} for a digit, anything else for itself. */
    private static boolean digitsAndSeparators(byte[] bytes, int start, int end, String shape) {
        if (end - start < shape.length()) {
            return false;
        }
        for (int i = 0; i < shape.length(); i++) {
            char wanted = shape.charAt(i);
            byte b = bytes[start + i];
            if (wanted == 'd' ? !isDigit(b) : b != wanted) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    /** A read position inside one frame. */
    private static final class Cursor {
        private final byte[] bytes;
        private final int end;
        int pos;

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

        /** A header field: printable ASCII up to the next space, which is consumed. Answers where it starts. */
        int token(String field) throws MalformedFrameException {
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
            pos++;
            return start;
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

        int messageStart;
        int messageEnd;

        /** Finds MSG: {@link #messageStart} and {@link #messageEnd}. */
        void message() throws MalformedFrameException {
            if (pos >= end) {
                messageStart = end;
                messageEnd = end;
                return;
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
            messageStart = start;
            messageEnd = stop;
        }
    }
}
