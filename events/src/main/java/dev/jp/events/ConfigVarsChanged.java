package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Config vars were set or removed. As on Heroku, every config change makes a release that runs
 * the current slug with the resulting config; the event names that release, so applying it needs
 * no other event.
 *
 * <p>A projection applies {@link #set()} and {@link #unset()} to the current config, stores the
 * release {@link #releaseVersion()} (same slug, new config, {@link #description()}) and makes it
 * current: every formation slot is redeployed with the new env on {@value Topics#DYNOS_DESIRED}.
 *
 * @param set vars set to a value, in the order the user gave them
 * @param unset names of vars removed
 * @param releaseId the UUID of the release this change makes
 * @param releaseVersion the version of that release
 */
public record ConfigVarsChanged(
        String app,
        String by,
        Instant occurredAt,
        Long appVersion,
        Map<String, String> set,
        List<String> unset,
        String releaseId,
        int releaseVersion)
        implements PlatformEvent {

    public ConfigVarsChanged {
        Fields.requireCommon(app, by, occurredAt);
        set = Fields.orderedCopy(set, "set");
        unset = Fields.listCopy(unset, "unset");
        if (set.isEmpty() && unset.isEmpty()) {
            throw new IllegalArgumentException("set or unset must name at least one config var");
        }
        Fields.required(releaseId, "releaseId");
        Fields.atLeast(releaseVersion, 1, "releaseVersion");
    }

    /**
     * The description of the release this change makes, in Heroku's words: {@code Set A, B config
     * vars}, {@code Remove C config vars}, or with both {@code Set A, B and remove C config vars}.
     * Derived, so not on the wire.
     */
    @JsonIgnore
    public String description() {
        String setNames = String.join(", ", set.keySet());
        String unsetNames = String.join(", ", unset);
        if (unset.isEmpty()) {
            return "Set " + setNames + " config vars";
        }
        if (set.isEmpty()) {
            return "Remove " + unsetNames + " config vars";
        }
        return "Set " + setNames + " and remove " + unsetNames + " config vars";
    }
}
