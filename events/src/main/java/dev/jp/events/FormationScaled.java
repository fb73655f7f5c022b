package dev.jp.events;

import java.time.Instant;
import java.util.List;

/**
 * The formation of some process types changed: how many dynos of each run, and their size.
 *
 * <p>Quantities are absolute, the result of the change: a relative request ({@code web+2}) is
 * resolved when deciding, so folding the log gives the same formation however it is replayed.
 * Process types not listed keep their formation.
 *
 * <p>A projection sets each listed type's quantity and size; on {@value Topics#DYNOS_DESIRED}
 * it adds the slots {@code type.1 … type.N} that are new, tombstones those above the new
 * quantity, and rewrites the others if their size changed.
 *
 * @param changes the resulting formation of each changed process type, at least one
 */
public record FormationScaled(String app, String by, Instant occurredAt, Long appVersion, List<Change> changes)
        implements PlatformEvent {

    public FormationScaled {
        Fields.requireCommon(app, by, occurredAt);
        changes = Fields.listCopy(changes, "changes");
        if (changes.isEmpty()) {
            throw new IllegalArgumentException("changes must name at least one process type");
        }
    }

    /**
     * The formation of one process type after the change.
     *
     * @param type the process type, such as {@code web}
     * @param quantity how many dynos of it run, {@code 0} and up
     * @param size the dyno size, such as {@code standard-1X}
     */
    public record Change(String type, int quantity, String size) {

        public Change {
            Fields.required(type, "type");
            Fields.atLeast(quantity, 0, "quantity");
            Fields.required(size, "size");
        }
    }
}
