package dev.jp.events;

import java.time.Instant;

/**
 * A runner reports that a dyno's process changed state. A fact, not a decision:
 * {@link #by()} is {@code runner:<host>} and {@link #appVersion()} is null, so it applies
 * regardless of what was decided meanwhile.
 *
 * <p>A projection records the dyno's current state for {@code jp ps} (and its crash history for
 * {@code jp audit}); a one-off dyno that is {@code crashed} or {@code down} has its slot
 * tombstoned on {@value Topics#DYNOS_DESIRED}. A report about an older
 * {@link #releaseVersion()} than the dyno's latest known one is history, not current state.
 *
 * @param dyno the dyno, such as {@code web.1}
 * @param processType its process type, such as {@code web}
 * @param releaseVersion the release the process runs
 * @param state the new state
 * @param host the runner host id that runs the process
 * @param pid the process id on that host, or null if there is no process
 * @param exitStatus the exit status, or null if the process did not exit or was killed by a signal
 * @param signal the signal that ended the process, such as {@code SIGKILL}, or null
 * @param restartCount consecutive crashes so far, 0 after a dyno was forgiven or restarted on purpose
 * @param nextRestartAt when a crashed dyno will be restarted, or null if it will not be
 * @param error a Heroku error code such as {@code R10} (boot timeout), or null
 */
public record DynoStateChanged(
        String app,
        String by,
        Instant occurredAt,
        Long appVersion,
        String dyno,
        String processType,
        int releaseVersion,
        DynoState state,
        String host,
        Long pid,
        Integer exitStatus,
        String signal,
        int restartCount,
        Instant nextRestartAt,
        String error)
        implements PlatformEvent {

    public DynoStateChanged {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(dyno, "dyno");
        Fields.required(processType, "processType");
        Fields.atLeast(releaseVersion, 1, "releaseVersion");
        Fields.required(state, "state");
        Fields.required(host, "host");
        Fields.atLeast(restartCount, 0, "restartCount");
    }
}
