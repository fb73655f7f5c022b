package dev.jp.logs.sessions;

import dev.jp.logs.lines.LogLine;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * A line with its offset in {@code logs.<app>} (one partition), which is also its SSE event id: a
 * client that reconnects with {@code Last-Event-ID: N} resumes at offset N + 1.
 *
 * @param bytes the line as an SSE event in UTF-8, rendered and encoded once and shared by every
 *              tail that gets it: a thousand tails write the same bytes, never re-encode them
 */
record StoredLine(long offset, LogLine line, byte[] bytes) {

    static StoredLine of(long offset, LogLine line) {
        StringBuilder event = new StringBuilder(line.message().length() + 80);
        SseEvents.append(event, offset, line);
        return new StoredLine(offset, line, event.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The event as text. */
    String event() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /**
     * These events (after {@code prefix}, if any) as one write that wraps the shared bytes rather
     * than copying them.
     */
    static Buffer write(byte[] prefix, List<StoredLine> lines) {
        byte[][] parts = new byte[lines.size() + (prefix == null ? 0 : 1)][];
        int at = 0;
        if (prefix != null) {
            parts[at++] = prefix;
        }
        for (StoredLine line : lines) {
            parts[at++] = line.bytes();
        }
        return Buffer.buffer(Unpooled.wrappedBuffer(parts));
    }
}
