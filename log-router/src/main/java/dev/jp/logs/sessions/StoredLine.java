package dev.jp.logs.sessions;

import dev.jp.logs.lines.LogLine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A line with its offset in {@code logs.<app>} (one partition), which is also its SSE event id: a
 * client that reconnects with {@code Last-Event-ID: N} resumes at offset N + 1.
 *
 * <p>The line's SSE event is rendered and encoded once, into {@code chunk[start, start + length)},
 * and shared by every tail that gets it. A follower renders a whole batch into one chunk, back to
 * back ({@link SseChunk}), so a tail that takes the batch as it is writes one slice of it, not a
 * piece per line. Of the line itself only what tails filter on is kept: its source and dyno.
 */
record StoredLine(long offset, String source, String dyno, byte[] chunk, int start, int length) {

    /** One line's event on its own (tests, and anything outside a follower's batch). */
    static StoredLine of(long offset, LogLine line) {
        SseChunk chunk = new SseChunk(null, 1);
        chunk.add(offset, line.encode());
        return chunk.lines().get(0);
    }

    /** The event as text. */
    String event() {
        return new String(chunk, start, length, StandardCharsets.UTF_8);
    }

    /**
     * These events (after {@code prefix}, if any) as one write that wraps the shared bytes rather
     * than copying them: one slice per run of lines that lie back to back in a chunk.
     */
    static Buffer write(byte[] prefix, List<StoredLine> lines) {
        List<ByteBuf> slices = new ArrayList<>(4);
        if (prefix != null) {
            slices.add(Unpooled.wrappedBuffer(prefix));
        }
        int i = 0;
        while (i < lines.size()) {
            StoredLine first = lines.get(i);
            int end = first.start() + first.length();
            int j = i + 1;
            while (j < lines.size() && lines.get(j).chunk() == first.chunk() && lines.get(j).start() == end) {
                end += lines.get(j).length();
                j++;
            }
            slices.add(Unpooled.wrappedBuffer(first.chunk(), first.start(), end - first.start()));
            i = j;
        }
        return Buffer.buffer(slices.size() == 1 ? slices.get(0) : Unpooled.wrappedBuffer(slices.toArray(ByteBuf[]::new)));
    }
}
