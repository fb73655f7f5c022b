package dev.jp.logs.sessions;

import dev.jp.logs.lines.LogLine;

/**
 * A line with its offset in {@code logs.<app>} (one partition), which is also its SSE event id: a
 * client that reconnects with {@code Last-Event-ID: N} resumes at offset N + 1.
 *
 * @param event the line as an SSE event, rendered once and shared by every tail that gets it
 */
record StoredLine(long offset, LogLine line, String event) {

    static StoredLine of(long offset, LogLine line) {
        StringBuilder event = new StringBuilder(line.message().length() + 80);
        SseEvents.append(event, offset, line);
        return new StoredLine(offset, line, event.toString());
    }
}
