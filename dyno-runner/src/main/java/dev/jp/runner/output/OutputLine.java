package dev.jp.runner.output;

import java.nio.charset.StandardCharsets;

/**
 * One line of a dyno's output as {@link LineSplitter} hands it on: valid UTF-8 in
 * {@code bytes[0, length)}, at most {@link LineSplitter#MAX_LINE_BYTES}, without its line break.
 * The bytes are the splitter's own and are overwritten by the next line: copy what you keep.
 */
public record OutputLine(byte[] bytes, int length) {

    /** The line as text (tests, and anything that is not on the path of every line). */
    public String text() {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }
}
