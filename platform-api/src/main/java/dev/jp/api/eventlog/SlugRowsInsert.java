package dev.jp.api.eventlog;

import static dev.jp.api.eventlog.UnnestInsert.Column.int8;
import static dev.jp.api.eventlog.UnnestInsert.Column.text;
import static dev.jp.api.eventlog.UnnestInsert.Column.timestamptz;

import dev.jp.api.slugs.SlugRow;
import java.util.List;

/**
 * The poll's new {@code slugs}, in one statement. Append-only: a slug row is written once, when its
 * {@code slug.created.v1} is applied, and only a rebuild (which empties the table) removes it.
 */
final class SlugRowsInsert {

    static final UnnestInsert<SlugRow> INSERT = new UnnestInsert<>("slugs", SlugRow.class, List.of(
            text("id", row -> row.id),
            text("app_name", row -> row.appName),
            text("process_types", row -> row.processTypes),
            text("checksum", row -> row.checksum),
            int8("size", row -> row.size),
            text("commit", row -> row.commit),
            text("commit_description", row -> row.commitDescription),
            timestamptz("created_at", row -> row.createdAt)));

    private SlugRowsInsert() {
    }
}
