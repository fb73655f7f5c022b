package dev.jp.api.eventlog;

import dev.jp.api.apps.AppRow;
import dev.jp.api.dynos.DynoRow;
import dev.jp.api.http.IdempotencyRow;
import io.smallrye.mutiny.Uni;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Applies one poll of {@code platform.events} to the projection, inside the projector's transaction,
 * in a fixed number of round trips whatever the poll holds: one query each for the rows the poll's
 * events need (apps, idempotency markers, dynos, stored offsets), the {@linkplain PollFold fold} in
 * memory, one native statement per append-only table for the bulk of the new rows, then the rows
 * that change in place (apps, dynos, markers) and the next offsets, flushed in batches at commit.
 */
final class ProjectionWriter {

    private ProjectionWriter() {
    }

    /** Folds the records (in order) and stages their rows and the next offset of each partition; returns the fold. */
    static Uni<PollFold> apply(Mutiny.Session session, List<ConsumerRecord<String, byte[]>> records, PollPhases phases) {
        long began = System.nanoTime();
        List<PollFold.Event> events = records.stream().map(PollFold.Event::of).toList();
        long decoded = System.nanoTime();
        phases.decode(decoded - began);
        Set<String> apps = new LinkedHashSet<>();
        Set<String> keys = new LinkedHashSet<>();
        Set<String> dynoApps = new LinkedHashSet<>();
        Map<Integer, Long> nextOffsets = new HashMap<>();
        for (PollFold.Event event : events) {
            nextOffsets.merge(event.at().partition(), event.at().offset() + 1, Math::max);
            if (event.event() != null) {
                apps.add(event.event().app());
                if (event.tag() != null) {
                    keys.add(event.tag().key()); // only keyed events cost a marker lookup
                }
                if (event.changesDynos()) {
                    dynoApps.add(event.event().app());
                }
            }
        }
        return rowsWhereIn(session, AppRow.class, "from AppRow where name in :values", apps)
                .chain(appRows -> rowsWhereIn(session, IdempotencyRow.class, "from IdempotencyRow where key in :values", keys)
                        .chain(markers -> rowsWhereIn(session, DynoRow.class, "from DynoRow where appName in :values", dynoApps)
                                .map(dynos -> new PollFold(appRows, markers, dynos))))
                // Before anything is staged: a query would flush what is.
                .call(() -> storeOffsets(session, nextOffsets))
                .invoke(fold -> {
                    long read = System.nanoTime();
                    phases.read(read - decoded);
                    events.forEach(fold::apply);
                    phases.fold(System.nanoTime() - read);
                })
                .call(fold -> insertAppendOnly(session, fold, phases))
                .call(fold -> stage(session, fold, phases));
    }

    /**
     * Inserts the rows of the tables the projector only appends to (slugs, releases, the event index)
     * with one native statement each ({@link UnnestInsert}), in this transaction: the bulk of a poll's
     * rows, without Hibernate's per-entity work.
     */
    private static Uni<Void> insertAppendOnly(Mutiny.Session session, PollFold fold, PollPhases phases) {
        long began = System.nanoTime();
        return SlugRowsInsert.INSERT.insert(session, fold.newSlugs())
                .call(() -> ReleaseRowsInsert.INSERT.insert(session, fold.newReleases()))
                .call(() -> EventRowsInsert.INSERT.insert(session, fold.newEvents()))
                .invoke(() -> phases.append(System.nanoTime() - began));
    }

    /** Hands the fold's other rows to the session: persisted and removed at the flush, in batches. */
    private static Uni<Void> stage(Mutiny.Session session, PollFold fold, PollPhases phases) {
        long began = System.nanoTime();
        List<Object> rows = fold.newRows();
        List<Object> removed = fold.removedRows();
        return (rows.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(rows.toArray()))
                .call(() -> removed.isEmpty() ? Uni.createFrom().voidItem() : session.removeAll(removed.toArray()))
                .invoke(() -> phases.stage(System.nanoTime() - began));
    }

    private static <T> Uni<List<T>> rowsWhereIn(Mutiny.Session session, Class<T> type, String query, Collection<String> values) {
        return values.isEmpty() ? Uni.createFrom().item(List.of())
                : session.createSelectionQuery(query, type).setParameter("values", values).getResultList();
    }

    /** The next offset of each partition, committed with the rows: exactly-once projection. */
    private static Uni<Void> storeOffsets(Mutiny.Session session, Map<Integer, Long> nextOffsets) {
        return session.createSelectionQuery("from ProjectorOffsetRow", ProjectorOffsetRow.class).getResultList()
                .chain(stored -> {
                    Map<Integer, ProjectorOffsetRow> byPartition = new HashMap<>();
                    stored.forEach(row -> byPartition.put(row.partition, row));
                    List<Object> added = new ArrayList<>();
                    nextOffsets.forEach((partition, next) -> {
                        ProjectorOffsetRow row = byPartition.get(partition);
                        if (row == null) {
                            row = new ProjectorOffsetRow();
                            row.partition = partition;
                            added.add(row);
                        }
                        row.nextOffset = next;
                    });
                    return added.isEmpty() ? Uni.createFrom().voidItem() : session.persistAll(added.toArray());
                });
    }
}
