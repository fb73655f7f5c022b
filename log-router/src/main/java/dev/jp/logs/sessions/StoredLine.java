package dev.jp.logs.sessions;

import dev.jp.logs.lines.LogLine;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.vertx.core.buffer.Buffer;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A line with its offset in {@code logs.<app>} (one partition), which is also its SSE event id: a
 * client that reconnects with {@code Last-Event-ID: N} resumes at offset N + 1.
 *
 * <p>The line's SSE event is rendered and encoded once, into {@code chunk[start, start + length)},
 * and shared by every tail that gets it. A follower encodes a whole batch into one chunk, back to
 * back, so a tail that takes the batch as it is writes one slice of it, not a piece per line.
 */
record StoredLine(long offset, LogLine line, byte[] chunk, int start, int length) {

    static StoredLine of(long offset, LogLine line) {
        byte[] event = render(offset, line);
        return new StoredLine(offset, line, event, 0, event.length);
    }

    /** The lines as a batch of events in one chunk. */
    static List<StoredLine> batch(List<Long> offsets, List<LogLine> lines) {
        ByteArrayOutputStream chunk = new ByteArrayOutputStream(lines.size() * 200);
        int[] starts = new int[lines.size() + 1];
        for (int i = 0; i < lines.size(); i++) {
            starts[i] = chunk.size();
            chunk.writeBytes(render(offsets.get(i), lines.get(i)));
        }
        starts[lines.size()] = chunk.size();
        byte[] bytes = chunk.toByteArray();
        List<StoredLine> batch = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            batch.add(new StoredLine(offsets.get(i), lines.get(i), bytes, starts[i], starts[i + 1] - starts[i]));
        }
        return batch;
    }

    private static byte[] render(long offset, LogLine line) {
        StringBuilder event = new StringBuilder(line.message().length() + 80);
        SseEvents.append(event, offset, line);
        return event.toString().getBytes(StandardCharsets.UTF_8);
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
