package dev.jp.events;

import java.time.Instant;

/**
 * A stop was requested for one dyno, for all dynos of one process type, or for all the app's
 * dynos (both fields null). At most one of {@link #dyno()} and {@link #processType()} is set.
 *
 * <p>A projection tombstones the matching one-off slots ({@code run.N}) on
 * {@value Topics#DYNOS_DESIRED}, so their runner stops them for good. As on Heroku, a stopped
 * formation dyno is replaced by the formation: for those slots the projection acts as for a
 * {@link DynoRestartRequested}. To keep a process type down, scale it to 0.
 *
 * @param dyno the dyno to stop, such as {@code run.7} or {@code web.1}, or null
 * @param processType the process type whose dynos to stop, such as {@code web}, or null
 */
public record DynoStopRequested(
        String app, String by, Instant occurredAt, Long appVersion, String dyno, String processType)
        implements PlatformEvent {

    public DynoStopRequested {
        Fields.requireCommon(app, by, occurredAt);
        if (dyno != null && processType != null) {
            throw new IllegalArgumentException("name a dyno or a processType, not both");
        }
    }
}
