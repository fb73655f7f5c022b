package dev.jp.events;

import java.time.Instant;

/**
 * A restart was requested for one dyno, for all dynos of one process type, or for all the app's
 * dynos (both fields null). At most one of {@link #dyno()} and {@link #processType()} is set.
 *
 * <p>A projection bumps the restart nonce of the matching slots on {@value Topics#DYNOS_DESIRED};
 * a runner that sees a slot's nonce change stops its process (SIGTERM, grace, SIGKILL) and starts
 * a fresh one from a pristine copy of the slug.
 *
 * @param dyno the dyno to restart, such as {@code web.1}, or null
 * @param processType the process type whose dynos to restart, such as {@code web}, or null
 */
public record DynoRestartRequested(
        String app, String by, Instant occurredAt, Long appVersion, String dyno, String processType)
        implements PlatformEvent {

    public DynoRestartRequested {
        Fields.requireCommon(app, by, occurredAt);
        if (dyno != null && processType != null) {
            throw new IllegalArgumentException("name a dyno or a processType, not both");
        }
    }
}
