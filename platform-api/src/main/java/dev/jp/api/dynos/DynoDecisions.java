package dev.jp.api.dynos;

import dev.jp.api.apps.AppState;
import dev.jp.api.formation.FormationDecisions;
import dev.jp.api.http.ApiException;
import dev.jp.events.DynoRestartRequested;
import dev.jp.events.DynoStopRequested;
import dev.jp.events.OneOffDynoRequested;
import java.time.Instant;
import java.util.Map;

/** Pure decisions about dynos: restart, stop, run a one-off. */
public final class DynoDecisions {

    private DynoDecisions() {
    }

    public static DynoRestartRequested restart(AppState app, String dyno, String processType, String by, Instant now) {
        checkTarget(app, dyno, processType);
        return new DynoRestartRequested(app.name(), by, now, app.version(), dyno, processType);
    }

    public static DynoStopRequested stop(AppState app, String dyno, String processType, String by, Instant now) {
        checkTarget(app, dyno, processType);
        return new DynoStopRequested(app.name(), by, now, app.version(), dyno, processType);
    }

    public static OneOffDynoRequested runOneOff(AppState app, String command, Map<String, String> env, String size,
                                                boolean attach, Integer timeToLive, String by, Instant now) {
        return runOneOff(app, command, env, size, attach, timeToLive, false, by, now);
    }

    /** @param forceNoTty an attached one-off runs on plain pipes, not a pseudo-terminal (meaningless unattached) */
    public static OneOffDynoRequested runOneOff(AppState app, String command, Map<String, String> env, String size,
                                                boolean attach, Integer timeToLive, boolean forceNoTty, String by, Instant now) {
        if (command == null || command.isBlank()) {
            throw ApiException.invalid("A command is required.");
        }
        if (app.release() == null || app.release().slugId() == null) {
            throw ApiException.invalid("The app has no release to run a command in: deploy it first.");
        }
        if (timeToLive != null && timeToLive < 1) {
            throw ApiException.invalid("time_to_live must be at least 1 second.");
        }
        String dynoSize = size == null ? AppState.DEFAULT_SIZE : FormationDecisions.size(size);
        return new OneOffDynoRequested(app.name(), by, now, app.version(), "run." + (app.lastOneOff() + 1), command,
                env, dynoSize, attach, timeToLive, attach && forceNoTty);
    }

    private static void checkTarget(AppState app, String dyno, String processType) {
        if (dyno != null && !app.formationSlots().contains(dyno) && !app.oneOffs().containsKey(dyno)) {
            throw ApiException.notFound("Couldn't find that dyno (" + dyno + ").");
        }
        if (processType != null && !app.formation().containsKey(processType) && !"run".equals(processType)) {
            throw ApiException.notFound("Couldn't find that process type (" + processType + ").");
        }
    }
}
