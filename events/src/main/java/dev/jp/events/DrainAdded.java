package dev.jp.events;

import java.time.Instant;

/**
 * A log drain was added: the app's log lines are also sent to {@link #url()}.
 *
 * <p>A projection stores the drain for the log-drains API; the log router starts shipping the
 * app's lines to it ({@code syslog+tls://}, {@code syslog://}, {@code https://}).
 *
 * @param drainId the drain's UUID
 * @param url where lines go, such as {@code syslog+tls://logs.example.com:6514}
 * @param token the drain's token, {@code d.<uuid>}; as Logplex does, the router sends it in each
 *     syslog frame's HOSTNAME field (and an HTTPS batch's header) so a receiver can tell drains apart
 */
public record DrainAdded(
        String app, String by, Instant occurredAt, Long appVersion, String drainId, String url, String token)
        implements PlatformEvent {

    public DrainAdded {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(drainId, "drainId");
        Fields.required(url, "url");
        Fields.required(token, "token");
    }
}
