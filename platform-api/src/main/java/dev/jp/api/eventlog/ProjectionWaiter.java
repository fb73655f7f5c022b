package dev.jp.api.eventlog;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Where a write waits for its event to be projected (read-your-writes): the writer knows its
 * event's partition and offset, the projector completes the outcome there. Either side may come
 * first; outcomes nobody collected are swept after a minute.
 */
@ApplicationScoped
public class ProjectionWaiter {

    private static final Duration UNCLAIMED = Duration.ofMinutes(1);
    private static final Duration SWEEP_EVERY = Duration.ofSeconds(1);

    private record Position(int partition, long offset) {
    }

    private record Pending(CompletableFuture<Outcome> outcome, Instant since) {
    }

    private final Map<Position, Pending> pending = new ConcurrentHashMap<>();
    /** When {@link #sweep()} last scanned; the projector thread's own. */
    private long lastSweep = System.nanoTime();

    CompletableFuture<Outcome> outcomeOf(int partition, long offset) {
        return pending.computeIfAbsent(new Position(partition, offset),
                position -> new Pending(new CompletableFuture<>(), Instant.now())).outcome();
    }

    void forget(int partition, long offset) {
        pending.remove(new Position(partition, offset));
    }

    void projected(int partition, long offset, Outcome outcome) {
        outcomeOf(partition, offset).complete(outcome);
    }

    /** Completes the outcome only if a write already waits for it; nothing is kept otherwise. */
    void projectedIfAwaited(int partition, long offset, Outcome outcome) {
        Pending waiting = pending.get(new Position(partition, offset));
        if (waiting != null) {
            waiting.outcome().complete(outcome);
        }
    }

    /**
     * Drops outcomes nobody collected. Called by the projector after every poll but scans at most once
     * a second: a scan of every pending outcome after each poll cost a replay ~15% of its time.
     */
    void sweep() {
        long now = System.nanoTime();
        if (now - lastSweep < SWEEP_EVERY.toNanos()) {
            return;
        }
        lastSweep = now;
        Instant cutoff = Instant.now().minus(UNCLAIMED);
        pending.values().removeIf(p -> p.since().isBefore(cutoff));
    }
}
