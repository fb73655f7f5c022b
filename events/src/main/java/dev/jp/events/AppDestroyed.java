package dev.jp.events;

import java.time.Instant;

/**
 * An app was destroyed, with everything it had: releases, config, formation, dynos, drains.
 *
 * <p>A projection deletes the app and tombstones all its slots on {@value Topics#DYNOS_DESIRED},
 * so runners stop its dynos. Its history stays on {@value Topics#PLATFORM_EVENTS}; a later app
 * with the same name has a different {@link AppCreated#appId()}.
 *
 * @param appId the destroyed app's UUID, telling it apart from a later app of the same name
 */
public record AppDestroyed(String app, String by, Instant occurredAt, Long appVersion, String appId)
        implements PlatformEvent {

    public AppDestroyed {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(appId, "appId");
    }
}
