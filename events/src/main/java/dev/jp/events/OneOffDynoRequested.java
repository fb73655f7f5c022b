package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
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
 * @param forceNoTty an attached dyno's process runs on plain pipes, not a pseudo-terminal (the
 *     client's stdin is not a terminal: {@code echo hi | heroku run cat}); absent on the wire when false (so records
 *     written before it existed keep their bytes), and absent reads as false ({@link Nulls#AS_EMPTY}:
 *     the one boolean exempt from the codec's refusal of missing primitives)
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
        Integer timeToLive,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean forceNoTty)
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

    /** A one-off whose attached process gets a pseudo-terminal (the usual {@code heroku run bash}). */
    public OneOffDynoRequested(String app, String by, Instant occurredAt, Long appVersion, String dyno, String command,
                               Map<String, String> env, String size, boolean attach, Integer timeToLive) {
        this(app, by, occurredAt, appVersion, dyno, command, env, size, attach, timeToLive, false);
    }
}
