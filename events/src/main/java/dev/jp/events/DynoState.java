package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Where a dyno is in its life: {@code starting → up → (crashed | down)}. On the wire, and in
 * Heroku's log lines ({@code State changed from starting to up}), the lower-case name.
 */
public enum DynoState {
    /** The process was started and is not yet up (web: not yet accepting on {@code $PORT}). */
    STARTING,
    /** The process is alive (web: accepting on {@code $PORT} within the boot timeout). */
    UP,
    /** The process exited without anybody asking it to; it restarts per the restart policy. */
    CRASHED,
    /** The process was stopped on purpose (stop, restart, scale down, release) or a one-off ended. */
    DOWN;

    /** The name on the wire: {@code starting}, {@code up}, {@code crashed}, {@code down}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
