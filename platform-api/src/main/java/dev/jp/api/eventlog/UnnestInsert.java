package dev.jp.api.eventlog;

import io.smallrye.mutiny.Uni;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.stream.Collectors;
import org.hibernate.reactive.common.AffectedEntities;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Inserts any number of rows into one table with a single native statement: each column goes to
 * PostgreSQL as one array parameter and {@code unnest} turns the arrays back into rows
 * ({@code insert into t (a, b) select * from unnest(cast(?1 as int4[]), cast(?2 as text[]))}).
 *
 * <p>Why native SQL: the projector only ever appends to some tables, and there Hibernate's
 * per-entity work (persist events, snapshots, dirty checks at the flush, one insert action and one
 * batch entry per row) was most of a rebuild's time while buying nothing: these rows are never read
 * back in the transaction nor changed afterwards. The statement runs on the projector's session,
 * inside its transaction, so the rows still commit (or not) with the stored offsets. The statement
 * text is the same whatever the number of rows, so PostgreSQL prepares it once.
 *
 * @param <R> the row class; only its fields are read, it is never handed to Hibernate
 */
final class UnnestInsert<R> {

    /**
     * One column: its name, how its array parameter is cast, how to make a Java array of its values
     * and how to read a row's value into it. Made by the factories below, one per PostgreSQL type.
     */
    record Column<R>(String name, String arrayCast, IntFunction<Object[]> newArray, Function<R, Object> value) {

        static <R> Column<R> text(String name, Function<R, String> value) {
            return new Column<>(name, "cast(?%d as text[])", String[]::new, value::apply);
        }

        static <R> Column<R> int4(String name, Function<R, Integer> value) {
            return new Column<>(name, "cast(?%d as int4[])", Integer[]::new, value::apply);
        }

        static <R> Column<R> int8(String name, Function<R, Long> value) {
            return new Column<>(name, "cast(?%d as int8[])", Long[]::new, value::apply);
        }

        /**
         * A {@code timestamptz} column, sent as ISO-8601 text that PostgreSQL parses: Hibernate hands an
         * array of times to the PostgreSQL client as {@code Instant}s, which the client cannot encode.
         * Cut to microseconds, as the client cuts a time Hibernate writes (PostgreSQL would round).
         */
        static <R> Column<R> timestamptz(String name, Function<R, Instant> value) {
            return new Column<>(name, "cast(cast(?%d as text[]) as timestamptz[])", String[]::new, row -> {
                Instant at = value.apply(row);
                return at == null ? null : at.truncatedTo(ChronoUnit.MICROS).toString();
            });
        }
    }

    private final Class<R> entity;
    private final List<Column<R>> columns;
    private final String sql;

    /** @param entity the entity class mapped to the table (for Hibernate's bookkeeping of what changed) */
    UnnestInsert(String table, Class<R> entity, List<Column<R>> columns) {
        this.entity = entity;
        this.columns = List.copyOf(columns);
        List<String> arrays = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            arrays.add(columns.get(i).arrayCast().formatted(i + 1));
        }
        this.sql = "insert into " + table + " (" + columns.stream().map(Column::name).collect(Collectors.joining(", "))
                + ") select * from unnest(" + String.join(", ", arrays) + ")";
    }

    /** Inserts the rows in the session's transaction; nothing when there are none. */
    Uni<Void> insert(Mutiny.Session session, List<? extends R> rows) {
        if (rows.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        // The affected entity names the table, so Hibernate flushes nothing else before the statement.
        Mutiny.Query<Object> query = session.createNativeQuery(sql, new AffectedEntities(entity));
        for (int c = 0; c < columns.size(); c++) {
            Column<R> column = columns.get(c);
            Object[] values = column.newArray().apply(rows.size());
            for (int r = 0; r < values.length; r++) {
                values[r] = column.value().apply(rows.get(r));
            }
            query.setParameter(c + 1, values);
        }
        return query.executeUpdate().replaceWithVoid();
    }
}
