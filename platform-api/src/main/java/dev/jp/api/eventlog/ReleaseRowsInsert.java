package dev.jp.api.eventlog;

import static dev.jp.api.eventlog.UnnestInsert.Column.int4;
import static dev.jp.api.eventlog.UnnestInsert.Column.text;
import static dev.jp.api.eventlog.UnnestInsert.Column.timestamptz;

import dev.jp.api.releases.ReleaseRow;
import java.util.List;

/**
 * The poll's new {@code releases}, in one statement. Append-only: a release is never changed once
 * written (a rollback is a new release), and only a rebuild (which empties the table) removes one.
 */
final class ReleaseRowsInsert {

    static final UnnestInsert<ReleaseRow> INSERT = new UnnestInsert<>("releases", ReleaseRow.class, List.of(
            text("id", row -> row.id),
            text("app_id", row -> row.appId),
            text("app_name", row -> row.appName),
            int4("version", row -> row.version),
            text("slug_id", row -> row.slugId),
            text("description", row -> row.description),
            int4("rollback_of", row -> row.rollbackOf),
            text("config", row -> row.config),
            text("process_types", row -> row.processTypes),
            text("by_email", row -> row.byEmail),
            timestamptz("created_at", row -> row.createdAt)));

    private ReleaseRowsInsert() {
    }
}
