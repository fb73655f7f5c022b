package dev.jp.events;

import java.time.Instant;
import java.util.Map;

/**
 * A one-off dyno was requested ({@code jp run bash}): a process of the current release that runs
 * {@link #command()} once and is never restarted.
 *
 * <p>A projection adds the slot {@link #dyno()} to {@value Topics#DYNOS_DESIRED} with the current
 * release and slug, the release's config plus {@link #env()}, and {@code oneOff = true}. The slot
 * is tombstoned when the dyno ends ({@link DynoStateChanged} to {@code crashed} or {@code down}),
 * is stopped, or outlives {@link #timeToLive()}.
 *
 * @param dyno the new dyno's name, {@code run.N}, N unique within the app
 * @param command the command line to run, such as {@code bash}
 * @param env vars added to (and overriding) the release's config for this dyno only
 * @param size the dyno size, such as {@code standard-1X}
 * @param attach whether the user's terminal attaches to the dyno's input and output
 * @param timeToLive seconds after which the dyno is stopped, or null for no limit
 */
public record OneOffDynoRequested(
        String app,
        String by,
        Instant occurredAt,
        Long appVersion,
        String dyno,
        String command,
        Map<String, String> env,
        String size,
        boolean attach,
        Integer timeToLive)
        implements PlatformEvent {

    public OneOffDynoRequested {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(dyno, "dyno");
        Fields.required(command, "command");
        env = Fields.orderedCopy(env, "env");
        Fields.required(size, "size");
        if (timeToLive != null) {
            Fields.atLeast(timeToLive, 1, "timeToLive");
        }
    }
}
