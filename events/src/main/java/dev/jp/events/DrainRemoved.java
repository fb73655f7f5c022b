package dev.jp.events;

import java.time.Instant;

/**
 * A log drain was removed. A projection deletes it; the log router stops shipping to it and
 * discards what its buffer still held.
 *
 * @param drainId the removed drain's UUID
 * @param url the URL it sent to, for the audit trail
 */
public record DrainRemoved(String app, String by, Instant occurredAt, Long appVersion, String drainId, String url)
        implements PlatformEvent {

    public DrainRemoved {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(drainId, "drainId");
        Fields.required(url, "url");
    }
}
