package dev.jp.logs.sessions;

import dev.jp.logs.lines.LineFilter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Renders a batch of {@code logs.<app>} records into one chunk of SSE bytes, straight from the
 * record values ({@code [priority ]timestamp source dyno message}, see {@code LogLine.encode}):
 * {@code id: <offset>}, then {@code data: <timestamp> <source>[<dyno>]: <message>}, a line break in
 * the message starting another {@code data:} line ({@link SseEvents}' rule). No string of the
 * message is made: the follower renders every line of an app once for all its tails, so this is
 * on the path of every line.
 *
 * <p>An ASCII message is copied as it is; any other is decoded and encoded again, which replaces
 * bytes that are not UTF-8 just as decoding the record to a {@code LogLine} did.
 */
final class SseChunk {

    private static final byte[] ID = "id: ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] DATA = "data: ".getBytes(StandardCharsets.US_ASCII);

    private final LineFilter filter;
    private byte[] bytes;
    private int size;
    private long[] offsets = new long[16];
    private int[] starts = new int[17];
    private String[] sources = new String[16];
    private String[] dynos = new String[16];
    private int count;

    /** Lines that {@code filter} refuses are left out. */
    SseChunk(LineFilter filter, int expectedLines) {
        this.filter = filter;
        this.bytes = new byte[Math.max(256, expectedLines * 200)];
    }

    /**
     * Adds a record's event; answers false, adding nothing, when the value is not a line
     * ({@code LogLine.decode} would refuse it) so the caller can say so.
     */
    boolean add(long offset, byte[] value) {
        int at = 0;
        int first = indexOf(value, ' ', 0);
        if (first > 0 && first <= 3 && allDigits(value, 0, first)) {
            at = first + 1;
        }
        int a = indexOf(value, ' ', at);
        int b = a < 0 ? -1 : indexOf(value, ' ', a + 1);
        int c = b < 0 ? -1 : indexOf(value, ' ', b + 1);
        if (c < 0) {
            return false;
        }
        String source = intern(value, a + 1, b, count == 0 ? null : sources[count - 1]);
        String dyno = intern(value, b + 1, c, count == 0 ? null : dynos[count - 1]);
        if (filter != null && !filter.matches(source, dyno)) {
            return true;
        }
        byte[] message = value;
        int messageStart = c + 1;
        int messageEnd = value.length;
        if (!isAscii(value, messageStart, messageEnd)) {
            message = new String(value, messageStart, messageEnd - messageStart, StandardCharsets.UTF_8)
                    .getBytes(StandardCharsets.UTF_8);
            messageStart = 0;
            messageEnd = message.length;
        }
        if (count == offsets.length) {
            int more = count * 2;
            offsets = Arrays.copyOf(offsets, more);
            starts = Arrays.copyOf(starts, more + 1);
            sources = Arrays.copyOf(sources, more);
            dynos = Arrays.copyOf(dynos, more);
        }
        offsets[count] = offset;
        starts[count] = size;
        sources[count] = source;
        dynos[count] = dyno;
        count++;
        // id: N \n data: ts source[dyno]: message \n\n; at most 4 more bytes per line break of the message.
        ensure(ID.length + 20 + 1 + DATA.length + (c - at) + 4 + 2 * (messageEnd - messageStart) + 2 + 8);
        put(ID);
        putLong(offset);
        bytes[size++] = '\n';
        put(DATA);
        put(value, at, a + 1);            // "<timestamp> "
        put(value, a + 1, b);             // "<source>"
        bytes[size++] = '[';
        put(value, b + 1, c);             // "<dyno>"
        bytes[size++] = ']';
        bytes[size++] = ':';
        bytes[size++] = ' ';
        int from = messageStart;
        for (int i = messageStart; i < messageEnd; i++) {
            byte x = message[i];
            if (x == '\n' || x == '\r') {
                put(message, from, i);
                bytes[size++] = '\n';
                ensure(DATA.length + (messageEnd - i) + 2);
                put(DATA);
                if (x == '\r' && i + 1 < messageEnd && message[i + 1] == '\n') {
                    i++;
                }
                from = i + 1;
            }
        }
        put(message, from, messageEnd);
        bytes[size++] = '\n';
        bytes[size++] = '\n';
        return true;
    }

    /** The events added so far, each a slice of one shared chunk. */
    List<StoredLine> lines() {
        starts[count] = size;
        List<StoredLine> lines = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            lines.add(new StoredLine(offsets[i], sources[i], dynos[i], bytes, starts[i], starts[i + 1] - starts[i]));
        }
        return lines;
    }

    boolean isEmpty() {
        return count == 0;
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }

    private void put(byte[] from) {
        System.arraycopy(from, 0, bytes, size, from.length);
        size += from.length;
    }

    private void put(byte[] from, int start, int end) {
        System.arraycopy(from, start, bytes, size, end - start);
        size += end - start;
    }

    private void putLong(long value) {
        if (value < 0) {
            bytes[size++] = '-';
            value = -value;
        }
        int digits = 1;
        for (long v = value; v >= 10; v /= 10) {
            digits++;
        }
        for (int i = size + digits - 1; i >= size; i--, value /= 10) {
            bytes[i] = (byte) ('0' + value % 10);
        }
        size += digits;
    }

    /** The ASCII text of {@code value[start, end)}: {@code previous} itself when equal (runs of one dyno). */
    private static String intern(byte[] value, int start, int end, String previous) {
        if (previous != null && previous.length() == end - start) {
            boolean same = true;
            for (int i = 0; i < end - start && same; i++) {
                same = value[start + i] == previous.charAt(i);
            }
            if (same) {
                return previous;
            }
        }
        return new String(value, start, end - start, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] value, char wanted, int from) {
        for (int i = from; i < value.length; i++) {
            if (value[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private static boolean allDigits(byte[] value, int start, int end) {
        for (int i = start; i < end; i++) {
            if (value[i] < '0' || value[i] > '9') {
                return false;
            }
        }
        return true;
    }

    private static boolean isAscii(byte[] value, int start, int end) {
        for (int i = start; i < end; i++) {
            if (value[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
