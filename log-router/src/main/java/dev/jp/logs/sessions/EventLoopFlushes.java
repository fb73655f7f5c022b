package dev.jp.logs.sessions;

import io.vertx.core.Context;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Runs tails' flushes on their event loops: one task per event loop for all its tails that have
 * lines waiting, rather than a task per tail. When a follower hands a batch to a thousand tails,
 * a task each was a thousand submissions (and context switches in and out of each request's
 * context) per batch, fifty batches a second.
 */
final class EventLoopFlushes {

    private static final Logger LOG = Logger.getLogger(EventLoopFlushes.class);

    /** Per event-loop thread; the threads are few and live as long as the node. */
    private final Map<Thread, Loop> loops = new ConcurrentHashMap<>();

    /**
     * The flushes of the event loop the caller runs on, which must be the one of {@code context}
     * (a tail's session is made on its connection's loop); {@code null} off an event loop.
     */
    Loop ofCurrentLoop(Context context) {
        if (!Context.isOnEventLoopThread()) {
            return null;
        }
        return loops.computeIfAbsent(Thread.currentThread(), thread -> new Loop(context));
    }

    /** One event loop's due flushes. */
    static final class Loop {
        private final Context context;
        private final Queue<Runnable> due = new ConcurrentLinkedQueue<>();
        private final AtomicBoolean scheduled = new AtomicBoolean();

        private Loop(Context context) {
            this.context = context;
        }

        /** Runs {@code flush} on the loop soon, with every other flush due by then. */
        void schedule(Runnable flush) {
            due.add(flush);
            if (scheduled.compareAndSet(false, true)) {
                context.runOnContext(v -> run());
            }
        }

        private void run() {
            // Cleared first: a flush scheduled while these run gets a task of its own (which may
            // find it already done); none is ever left waiting.
            scheduled.set(false);
            for (Runnable flush = due.poll(); flush != null; flush = due.poll()) {
                try {
                    flush.run();
                } catch (RuntimeException e) {
                    LOG.warnf(e, "a tail's flush failed");
                }
            }
        }
    }
}
