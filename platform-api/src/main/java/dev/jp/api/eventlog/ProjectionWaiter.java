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

    private record Position(int partition, long offset) {
    }

    private record Pending(CompletableFuture<Outcome> outcome, Instant since) {
    }

    private final Map<Position, Pending> pending = new ConcurrentHashMap<>();

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

    void sweep() {
        Instant cutoff = Instant.now().minus(UNCLAIMED);
        pending.values().removeIf(p -> p.since().isBefore(cutoff));
    }
}
