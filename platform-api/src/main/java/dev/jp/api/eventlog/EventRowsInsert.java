package dev.jp.api.eventlog;

import static dev.jp.api.eventlog.UnnestInsert.Column.int4;
import static dev.jp.api.eventlog.UnnestInsert.Column.int8;
import static dev.jp.api.eventlog.UnnestInsert.Column.text;
import static dev.jp.api.eventlog.UnnestInsert.Column.timestamptz;

import dev.jp.api.audit.EventRow;
import java.util.List;

/**
 * The poll's rows of the audit index {@code events}, in one statement. Append-only: a row is
 * written once, when its event is applied, and only a rebuild (which empties the table) removes it.
 */
final class EventRowsInsert {

    static final UnnestInsert<EventRow> INSERT = new UnnestInsert<>("events", EventRow.class, List.of(
            int4("partition", row -> row.partition),
            int8("log_offset", row -> row.offset),
            text("app_name", row -> row.appName),
            text("type", row -> row.type),
            text("by_actor", row -> row.by),
            timestamptz("occurred_at", row -> row.occurredAt),
            text("json", row -> row.json)));

    private EventRowsInsert() {
    }
}
