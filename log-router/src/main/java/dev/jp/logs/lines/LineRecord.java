package dev.jp.logs.lines;

/**
 * A line as {@code logs.<app>} stores it: key the dyno, value {@link LogLine#encode()}'s bytes. The
 * intake builds these straight from a request's bytes, without a {@link LogLine} in between.
 */
public record LineRecord(String dyno, byte[] value) {

    public static LineRecord of(LogLine line) {
        return new LineRecord(line.dyno(), line.encode());
    }
}
