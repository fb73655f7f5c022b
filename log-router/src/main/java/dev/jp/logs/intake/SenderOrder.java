package dev.jp.logs.intake;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Hands the numbered requests of one sender's stream to storage in the order the sender numbered
 * them, although they arrive on several connections at once.
 *
 * <p>Why: a runner keeps several requests of a token in flight (one at a time held a busy dyno to
 * one request per round trip), and a dyno's lines must still reach {@code logs.<app>} in order.
 * The producer keeps the order in which lines are handed to it, so it is enough that request
 * {@code n} is handed over after request {@code n - 1}; only that short step is serialised, the
 * waits for Kafka's acks overlap. Senders number requests with the {@value #HEADER} header,
 * {@code <stream> <n>}, {@code n} from 0; requests without it are not ordered.
 *
 * <p>It waits a bounded time: a predecessor that never comes (its connection broke, this router
 * restarted) holds its successor back {@link #MAX_WAIT} at most. That is generous because on a
 * machine at a load of 70 a predecessor took over a second to be read (a 1 s bound was hit in a
 * JFR profile), and the sender waits 15 s for its answer anyway. A request at or below the
 * highest number handed over (a retry) goes at once, as does the first one this node sees of a
 * stream. So order is kept while requests succeed; a retried request lands after those that
 * overtook it.
 */
@ApplicationScoped
public class SenderOrder {

    static final String HEADER = "Jp-Log-Sequence";
    static final Duration MAX_WAIT = Duration.ofSeconds(5);
    /** A stream not heard from for this long is forgotten. */
    private static final long FORGET_AFTER_NANOS = TimeUnit.MINUTES.toNanos(5);

    private final Map<String, Stream> streams = new ConcurrentHashMap<>();
    private long lastSweep = System.nanoTime();

    /** Runs {@code handOver} in its turn, on the calling thread. */
    public <T, E extends Exception> T inTurn(String header, HandOver<T, E> handOver) throws E {
        Position position = Position.parse(header);
        if (position == null) {
            return handOver.run();
        }
        Stream stream = streams.computeIfAbsent(position.stream(), s -> new Stream());
        stream.awaitTurn(position.number());
        try {
            return handOver.run();
        } finally {
            stream.handed(position.number());
            sweep();
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        if (now - lastSweep < FORGET_AFTER_NANOS) {
            return;
        }
        lastSweep = now;
        streams.values().removeIf(stream -> stream.idleSince(now) > FORGET_AFTER_NANOS);
    }

    /** What a request does in its turn: parse its lines and hand them to the producer. */
    @FunctionalInterface
    public interface HandOver<T, E extends Exception> {
        T run() throws E;
    }

    /** {@code <stream> <n>}; null when absent or unreadable (then the request is not ordered). */
    record Position(String stream, long number) {

        static Position parse(String header) {
            if (header == null) {
                return null;
            }
            String[] parts = header.trim().split(" ");
            if (parts.length != 2 || parts[0].isEmpty()) {
                return null;
            }
            try {
                long number = Long.parseLong(parts[1]);
                return number < 0 ? null : new Position(parts[0], number);
            } catch (NumberFormatException e) {
                return null;
            }
        }
    }

    /** One sender stream: the highest number handed over so far. */
    private static final class Stream {
        /** -1 until this node has handed over a request of the stream. */
        private long handed = -1;
        private volatile long lastUsed = System.nanoTime();

        synchronized void awaitTurn(long number) {
            long deadline = System.nanoTime() + MAX_WAIT.toNanos();
            while (handed >= 0 && number > handed + 1) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(this, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }

        synchronized void handed(long number) {
            handed = Math.max(handed, number);
            lastUsed = System.nanoTime();
            notifyAll();
        }

        long idleSince(long now) {
            return now - lastUsed;
        }
    }
}
