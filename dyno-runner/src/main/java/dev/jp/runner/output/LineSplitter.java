package dev.jp.runner.output;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Turns a process's output bytes into log lines: split at {@code \n} (a trailing {@code \r} is
 * dropped), lines longer than {@link #MAX_LINE_BYTES} cut into pieces, invalid UTF-8 replaced with
 * U+FFFD. Not thread-safe: one per stream.
 */
public final class LineSplitter {

    /** Logplex's limit: longer lines are split, never dropped. */
    public static final int MAX_LINE_BYTES = 10_000;

    private final byte[] line = new byte[MAX_LINE_BYTES];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final Consumer<String> lines;
    private int length;

    public LineSplitter(Consumer<String> lines) {
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
        lines.accept(decode(end));
        length = 0;
    }

    private String decode(int end) {
        try {
            CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, 0, end));
            return chars.toString();
        } catch (CharacterCodingException e) {
            // REPLACE never throws; keep the line anyway.
            return new String(line, 0, end, StandardCharsets.UTF_8);
        }
    }
}
