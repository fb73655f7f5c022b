package dev.jp.logs.sessions;

import dev.jp.logs.lines.LineFilter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.List;

/**
 * The lines waiting for one tail's client. The follower offers lines and never waits; when the
 * client is slower than the app, the oldest lines go, and the count and time of the first loss are
 * kept so the client is told (L11) before the next lines it gets.
 *
 * <p>A client is slower than the app when its connection pushes back ({@link #congested}): then
 * the buffer holds {@code capacity} lines. While the connection takes everything, lines only wait
 * for the event loop to write them, which is no fault of the client's, so up to
 * {@value #SLACK} × {@code capacity} may wait before any is dropped: a burst of the app's lines
 * must not cost a client that keeps up.
 */
final class TailBuffer {

    /** What a flush takes: the lines, and what was lost before them. */
    record Drained(List<StoredLine> lines, long dropped, Instant droppedSince) {
    }

    static final int SLACK = 4;

    private final int capacity;
    private final LineFilter filter;
    private final Clock clock;
    private final Runnable onOffer;
    private final ArrayDeque<StoredLine> lines;
    /** Lines at or below this offset were already sent (a reconnect that resumes ahead of the follower). */
    private volatile long sentThrough = -1;
    private volatile boolean congested;
    private volatile boolean ended;
    private long dropped;
    private Instant droppedSince;

    TailBuffer(int capacity, LineFilter filter, Clock clock, Runnable onOffer) {
        this.capacity = capacity;
        this.filter = filter;
        this.clock = clock;
        this.onOffer = onOffer;
        this.lines = new ArrayDeque<>(Math.min(capacity, 256));
    }

    /** Set while the client's connection cannot take more. */
    void congested(boolean value) {
        congested = value;
    }

    /** No line will come any more (the app is gone): the client gets what is left, then the end. */
    void end() {
        ended = true;
        onOffer.run();
    }

    boolean isEnded() {
        return ended;
    }

    void skipThrough(long offset) {
        sentThrough = offset;
    }

    /** Called by the app's follower thread; never blocks on the client. */
    void offer(List<StoredLine> batch) {
        boolean added = false;
        // Read once per batch, not per line: a follower offers every batch to every tail.
        long skipThrough = sentThrough;
        int limit = congested ? capacity : capacity * SLACK;
        boolean everyLine = filter.dyno() == null && filter.source() == null;
        synchronized (this) {
            for (StoredLine line : batch) {
                if (line.offset() <= skipThrough || !(everyLine || filter.matches(line.source(), line.dyno()))) {
                    continue;
                }
                while (lines.size() >= limit) {
                    lines.pollFirst();
                    if (dropped++ == 0) {
                        droppedSince = clock.instant();
                    }
                }
                lines.addLast(line);
                added = true;
            }
        }
        if (added) {
            onOffer.run();
        }
    }

    synchronized Drained drain() {
        Drained drained = new Drained(List.copyOf(lines), dropped, droppedSince);
        lines.clear();
        dropped = 0;
        droppedSince = null;
        return drained;
    }
}
