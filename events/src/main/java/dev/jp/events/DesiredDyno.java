package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import dev.jp.events.rendezvous.RendezvousUrl;
import java.util.Map;

/**
 * One dyno slot that should be running: the value of the compacted topic
 * {@value Topics#DYNOS_DESIRED}, keyed by {@link #key()} ({@code app/slot}); a tombstone (null
 * value) under that key removes the slot. platform-api derives these records from its projection;
 * runners reconcile their processes against them: a slot they own and do not run is started, a
 * running process whose slot is gone is stopped, and one whose record changed (release version,
 * command, env, size or restart nonce) is restarted on the new record.
 *
 * <p>The record carries everything a runner needs to start the dyno, so runners read no other
 * topic and no database.
 *
 * @param app the app's name
 * @param slot the dyno's name, such as {@code web.1} or {@code run.7}
 * @param processType the process type, such as {@code web} ({@code run} for one-offs)
 * @param releaseVersion the release the dyno runs
 * @param command the command line to run in the unpacked slug
 * @param env the complete environment: the release's config vars plus what the platform adds
 *     (one-off env, {@code DYNO}, {@code JP_APP}, {@code JP_RELEASE_VERSION}); the runner adds only
 *     {@code PORT}, which depends on the host
 * @param size the dyno size, such as {@code standard-1X}
 * @param restartNonce changes whenever a restart of this slot is requested
 * @param slugId the slug to run
 * @param slugChecksum the slug's digest, {@code SHA256:<hex>}, checked by the runner after fetching
 * @param slugUrl where a runner fetches the slug's tarball
 * @param oneOff true for a one-off dyno ({@code run.N}), which never restarts
 * @param attach true if a user's terminal attaches to this one-off dyno
 * @param appLogToken the app's log intake token (source {@code app}): the runner ships the dyno's
 *     output with it
 * @param herokuLogToken the app's intake token for platform lines (source {@code heroku}): the
 *     runner ships the dyno's state changes and errors with it
 * @param rendezvousUrl for an attached one-off only: where the runner meets the user's terminal,
 *     {@code rendezvous://HOST:PORT/SECRET} (see {@link RendezvousUrl}); null otherwise. The secret
 *     is the capability to the dyno's terminal: this topic is internal, as it is for the log tokens
 * @param timeToLive seconds after its process started when a one-off is stopped, or null for no limit
 * @param forceNoTty for an attached one-off: its process runs on plain pipes (stdin, and stdout with
 *     stderr, bridged to the user) instead of a pseudo-terminal; absent on the wire when false (so records
 *     written before it existed keep their bytes), and absent reads as false ({@link Nulls#AS_EMPTY}:
 *     the one boolean exempt from the codec's refusal of missing primitives)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DesiredDyno(
        String app,
        String slot,
        String processType,
        int releaseVersion,
        String command,
        Map<String, String> env,
        String size,
        long restartNonce,
        String slugId,
        String slugChecksum,
        String slugUrl,
        boolean oneOff,
        boolean attach,
        String appLogToken,
        String herokuLogToken,
        String rendezvousUrl,
        Integer timeToLive,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean forceNoTty) {

    public DesiredDyno {
        Fields.required(app, "app");
        Fields.required(slot, "slot");
        Fields.required(processType, "processType");
        Fields.atLeast(releaseVersion, 1, "releaseVersion");
        Fields.required(command, "command");
        env = Fields.orderedCopy(env, "env");
        Fields.required(size, "size");
        Fields.required(slugId, "slugId");
        Fields.required(slugChecksum, "slugChecksum");
        Fields.required(slugUrl, "slugUrl");
        Fields.required(appLogToken, "appLogToken");
        Fields.required(herokuLogToken, "herokuLogToken");
        if (attach) {
            Fields.required(rendezvousUrl, "rendezvousUrl");
            RendezvousUrl.parse(rendezvousUrl);
        }
        if (timeToLive != null) {
            Fields.atLeast(timeToLive, 1, "timeToLive");
        }
    }

    /** A dyno nobody attaches to and without a time to live. */
    public DesiredDyno(String app, String slot, String processType, int releaseVersion, String command,
                       Map<String, String> env, String size, long restartNonce, String slugId, String slugChecksum,
                       String slugUrl, boolean oneOff, boolean attach, String appLogToken, String herokuLogToken) {
        this(app, slot, processType, releaseVersion, command, env, size, restartNonce, slugId, slugChecksum, slugUrl,
                oneOff, attach, appLogToken, herokuLogToken, null, null, false);
    }

    /** A dyno whose attached process, if any, gets a pseudo-terminal. */
    public DesiredDyno(String app, String slot, String processType, int releaseVersion, String command,
                       Map<String, String> env, String size, long restartNonce, String slugId, String slugChecksum,
                       String slugUrl, boolean oneOff, boolean attach, String appLogToken, String herokuLogToken,
                       String rendezvousUrl, Integer timeToLive) {
        this(app, slot, processType, releaseVersion, command, env, size, restartNonce, slugId, slugChecksum, slugUrl,
                oneOff, attach, appLogToken, herokuLogToken, rendezvousUrl, timeToLive, false);
    }

    /** The record's key on {@value Topics#DYNOS_DESIRED}: {@code app/slot}. */
    @JsonIgnore
    public String key() {
        return Topics.desiredDynoKey(app, slot);
    }
}
