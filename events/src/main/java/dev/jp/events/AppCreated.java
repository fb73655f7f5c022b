package dev.jp.events;

import java.time.Instant;

/**
 * An app was created, owned by one account. Its name ({@link #app()}) is unique on the platform.
 *
 * <p>A projection inserts the app with no release, no slug, no config and an empty formation. The
 * event is decided on an app that does not exist yet, so {@link #appVersion()} is {@code 0}.
 *
 * @param appId the app's UUID, as Heroku's {@code id}
 * @param ownerId the owning account's id
 * @param ownerEmail the owning account's email
 * @param region where the app runs, such as {@code local}
 * @param stack the stack its slugs run on, such as {@code jp-22}
 * @param appLogToken the log-router intake token ({@code t.<uuid>}) for the app's own lines
 *     (source {@code app}: dyno output, {@code app[api]} lines); log-router learns it from this event
 * @param herokuLogToken the intake token for the platform's lines about the app (source
 *     {@code heroku}: dyno state changes, errors)
 */
public record AppCreated(
        String app,
        String by,
        Instant occurredAt,
        Long appVersion,
        String appId,
        String ownerId,
        String ownerEmail,
        String region,
        String stack,
        String appLogToken,
        String herokuLogToken)
        implements PlatformEvent {

    public AppCreated {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(appId, "appId");
        Fields.required(ownerId, "ownerId");
        Fields.required(ownerEmail, "ownerEmail");
        Fields.required(region, "region");
        Fields.required(stack, "stack");
        Fields.required(appLogToken, "appLogToken");
        Fields.required(herokuLogToken, "herokuLogToken");
    }
}
