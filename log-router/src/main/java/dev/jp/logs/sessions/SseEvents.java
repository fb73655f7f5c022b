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
        // One data line: the notice is made here of numbers and timestamps, never a line break.
        out.append("data: ").append(l11.render()).append("\n\n");
    }
}
