package dev.jp.runner.output;

import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a process's output bytes into log lines: split at {@code \n} (a trailing {@code \r} is
 * dropped), lines longer than {@link #MAX_LINE_BYTES} cut into pieces, invalid UTF-8 replaced with
 * U+FFFD. Lines stay bytes: an ASCII line is handed on as it was read, any other is decoded and
 * encoded again only to replace what is not UTF-8 (a string per line, and the frame built from it,
 * were most of the runner's work per line). Not thread-safe: one per stream.
 */
public final class LineSplitter {

    /** Logplex's limit: longer lines are split, never dropped. */
    public static final int MAX_LINE_BYTES = 10_000;

    private final byte[] line = new byte[MAX_LINE_BYTES];
    private final Consumer<OutputLine> lines;
    private int length;

    public LineSplitter(Consumer<OutputLine> lines) {
        this.lines = lines;
    }

    public void accept(byte[] bytes, int offset, int count) {
        for (int i = offset; i < offset + count; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                emit(true);
            } else {
                if (length == MAX_LINE_BYTES) {
                    emitCut();
                }
                line[length++] = b;
            }
        }
    }

    /** The partial last line, if any, as a line of its own (at end of stream). */
    public void finish() {
        if (length > 0) {
            emit(true);
        }
    }

    /** A full buffer: cut before a character that did not fit whole, so no character is split in two. */
    private void emitCut() {
        int lead = length - 1;
        while (lead > 0 && length - 1 - lead < 3 && (line[lead] & 0xC0) == 0x80) {
            lead--;
        }
        int cut = lead > 0 && lead + utf8Length(line[lead]) > length ? lead : length;
        int rest = length - cut;
        length = cut;
        emit(false);
        System.arraycopy(line, cut, line, 0, rest);
        length = rest;
    }

    private static int utf8Length(byte lead) {
        if ((lead & 0xE0) == 0xC0) {
            return 2;
        }
        if ((lead & 0xF0) == 0xE0) {
            return 3;
        }
        return (lead & 0xF8) == 0xF0 ? 4 : 1;
    }

    private void emit(boolean endOfLine) {
        int end = length;
        if (endOfLine && end > 0 && line[end - 1] == '\r') {
            end--;
        }
        lines.accept(utf8(end));
        length = 0;
    }

    /** The line's bytes if they are ASCII; otherwise the line decoded (bad bytes replaced) and encoded. */
    private OutputLine utf8(int end) {
        for (int i = 0; i < end; i++) {
            if (line[i] < 0) {
                byte[] replaced = new String(line, 0, end, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
                return new OutputLine(replaced, replaced.length);
            }
        }
        return new OutputLine(line, end);
    }
}
