package dev.jp.logs.sessions;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.logs.lines.LogLine;
import java.time.Instant;

/**
 * The text of the event stream: one event per line, {@code id: <offset>} and {@code data: <line>}
 * (rendered from a record's bytes by {@link SseChunk}), and the L11 notice.
 */
final class SseEvents {

    static final String HEARTBEAT = ": heartbeat\n\n";

    private SseEvents() {
    }

    /**
     * Logplex's L11, as a line from {@code heroku[logplex]}. It has no id: it is not in the topic,
     * and a reconnect must resume after the last real line.
     */
    static void appendOverflow(StringBuilder out, long dropped, Instant since, Instant now) {
        LogLine l11 = new LogLine(LogplexFrame.timestamp(now), "heroku", "logplex",
                "Error L11 (Tail buffer overflow) -> This tail session dropped " + dropped
                        + " messages since " + LogplexFrame.timestamp(since) + ".");
        data(out, l11.render());
    }

    /** A line break inside a message would end the event early; SSE carries it as several data lines. */
    private static void data(StringBuilder out, String text) {
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append("data: ").append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        out.append("data: ").append(text, start, text.length()).append("\n\n");
    }
}
