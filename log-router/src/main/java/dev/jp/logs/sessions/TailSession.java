package dev.jp.logs.sessions;

import dev.jp.events.logsession.LogSession;
import dev.jp.logs.accounting.LogAccounting;
import dev.jp.logs.lines.LineFilter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * One client's event stream: the history (or, on a reconnect, everything after its
 * {@code Last-Event-ID}), then with tail the live lines from its {@link TailBuffer}, written in
 * batches whenever the connection can take more. While it cannot, the buffer fills and drops its
 * oldest lines; the next batch starts with L11 saying how many.
 */
final class TailSession {

    private static final Logger LOG = Logger.getLogger(TailSession.class);

    /** Everything one stream needs from the node. */
    record Services(Vertx vertx, Executor blocking, AppFollowers followers, LogHistory history,
                    LogAccounting accounting, Clock clock, int bufferLines, long heartbeatMillis,
                    EventLoopFlushes flushes) {
    }

    private final Services services;
    private final LogSession session;
    private final Long lastEventId;
    private final HttpServerResponse response;
    private final Context context;
    private final LineFilter filter;
    private final AtomicBoolean flushScheduled = new AtomicBoolean();
    /** Where this tail's flushes run with the other tails of its event loop; null: a task of its own. */
    private final EventLoopFlushes.Loop loop;
    private final Runnable flush = this::flush;
    private volatile boolean live;
    private volatile boolean closed;
    private volatile TailBuffer buffer;
    private long heartbeatTimer = -1;

    TailSession(Services services, LogSession session, Long lastEventId, HttpServerResponse response) {
        this.services = services;
        this.session = session;
        this.lastEventId = lastEventId;
        this.response = response;
        this.context = services.vertx().getOrCreateContext();
        this.loop = services.flushes().ofCurrentLoop(context);
        this.filter = new LineFilter(session.dyno(), session.source());
    }

    /** On the event loop: answers 200 at once, then replays history off it. */
    void start() {
        response.setStatusCode(200).setChunked(true)
                .putHeader("Content-Type", "text/event-stream")
                .putHeader("Cache-Control", "no-cache")
                .putHeader("X-Accel-Buffering", "no");
        response.closeHandler(v -> close());
        response.exceptionHandler(e -> close());
        response.write(SseEvents.HEARTBEAT);
        if (session.tail()) {
            heartbeatTimer = services.vertx().setPeriodic(services.heartbeatMillis(), id -> heartbeat());
        }
        services.blocking().execute(this::replay);
    }

    private void replay() {
        try {
            long start;
            if (session.tail()) {
                TailBuffer tail = new TailBuffer(services.bufferLines(), filter, services.clock(), this::scheduleFlush);
                buffer = tail;
                start = services.followers().subscribe(session.app(), tail);
                if (closed) {
                    services.followers().unsubscribe(session.app(), tail);
                    return;
                }
            } else {
                start = services.history().end(session.app());
            }
            if (lastEventId != null) {
                if (buffer != null) {
                    buffer.skipThrough(lastEventId);
                }
                services.history().forward(session.app(), filter, lastEventId + 1, start, this::writeReplayed);
            } else {
                long from = services.history().startOfLast(session.app(), filter, session.lines(), start);
                services.history().forward(session.app(), filter, from, start, this::writeReplayed);
            }
            if (session.tail()) {
                live = true;
                scheduleFlush();
            } else {
                context.runOnContext(v -> {
                    if (!closed) {
                        response.end();
                    }
                    close();
                });
            }
        } catch (RuntimeException e) {
            LOG.warnf(e, "log session of %s failed", session.app());
            context.runOnContext(v -> {
                if (!closed) {
                    response.reset();
                }
                close();
            });
        }
    }

    /** From the replay thread: waits while the connection is full, so history is never dropped. */
    private void writeReplayed(List<StoredLine> lines) {
        if (closed || lines.isEmpty()) {
            return;
        }
        awaitWritable();
        response.write(StoredLine.write(null, lines));
        services.accounting().delivered(session.app(), lines.size());
    }

    private void awaitWritable() {
        while (!closed && response.writeQueueFull()) {
            CountDownLatch writable = new CountDownLatch(1);
            context.runOnContext(v -> {
                if (response.writeQueueFull()) {
                    response.drainHandler(x -> writable.countDown());
                } else {
                    writable.countDown();
                }
            });
            try {
                writable.await(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void scheduleFlush() {
        if (live && !closed && flushScheduled.compareAndSet(false, true)) {
            if (loop != null) {
                loop.schedule(flush);
            } else {
                context.runOnContext(v -> flush());
            }
        }
    }

    /** On the event loop: everything waiting, as one write. */
    private void flush() {
        flushScheduled.set(false);
        if (closed) {
            return;
        }
        if (response.writeQueueFull()) {
            congested();
            return;
        }
        TailBuffer.Drained drained = buffer.drain();
        if (drained.lines().isEmpty() && drained.dropped() == 0) {
            endIfGone();
            return;
        }
        byte[] overflow = null;
        if (drained.dropped() > 0) {
            StringBuilder l11 = new StringBuilder(160);
            SseEvents.appendOverflow(l11, drained.dropped(), drained.droppedSince(), services.clock().instant());
            overflow = l11.toString().getBytes(StandardCharsets.UTF_8);
            services.accounting().dropped(session.app(), drained.dropped());
        }
        response.write(StoredLine.write(overflow, drained.lines()));
        services.accounting().delivered(session.app(), drained.lines().size());
        if (response.writeQueueFull()) {
            congested();
        }
        endIfGone();
    }

    private void endIfGone() {
        if (buffer.isEnded()) {
            response.end();
            close();
        }
    }

    /** The client is behind: its buffer may drop from now until the connection drains. */
    private void congested() {
        buffer.congested(true);
        response.drainHandler(v -> {
            buffer.congested(false);
            scheduleFlush();
        });
    }

    private void heartbeat() {
        if (!closed && !response.writeQueueFull()) {
            response.write(SseEvents.HEARTBEAT);
        }
    }

    private void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (heartbeatTimer >= 0) {
            services.vertx().cancelTimer(heartbeatTimer);
        }
        TailBuffer tail = buffer;
        if (tail != null) {
            // Off the event loop: stopping a follower closes its consumer.
            services.blocking().execute(() -> services.followers().unsubscribe(session.app(), tail));
        }
    }
}
