package dev.jp.events;

import java.time.Instant;
import java.util.Map;

/**
 * A release was made from a slug and a config, by a deploy or a rollback. It carries everything a
 * release is, so applying it needs no other event.
 *
 * <p>A projection stores the release and makes it current: every formation slot is redeployed
 * with the new release version on {@value Topics#DYNOS_DESIRED}, so runners restart the dynos on
 * it. A release does not change quantities: a formation entry whose process type this release
 * lacks runs no dynos, and scaling a new process type is a separate {@link FormationScaled}.
 *
 * @param releaseId the release's UUID
 * @param version the release number, {@code 1} and up, one more than the previous release
 * @param slugId the slug this release runs
 * @param processTypes process type to command, copied from the slug
 * @param config the release's complete config vars, not a difference
 * @param description Heroku's wording, such as {@code Deploy 1a2b3c4} or {@code Rollback to v2}
 * @param rollbackOf the version rolled back to, or null if this release is not a rollback
 */
public record ReleaseCreated(
        String app,
        String by,
        Instant occurredAt,
        Long appVersion,
        String releaseId,
        int version,
        String slugId,
        Map<String, String> processTypes,
        Map<String, String> config,
        String description,
        Integer rollbackOf)
        implements PlatformEvent {

    public ReleaseCreated {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(releaseId, "releaseId");
        Fields.atLeast(version, 1, "version");
        Fields.required(slugId, "slugId");
        processTypes = Fields.orderedCopy(processTypes, "processTypes");
        config = Fields.orderedCopy(config, "config");
        Fields.required(description, "description");
    }
}
