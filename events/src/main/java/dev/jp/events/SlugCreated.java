package dev.jp.events;

import java.time.Instant;
import java.util.Map;

/**
 * A slug (the app's built code as a tar.gz, stored by platform-api) was uploaded and checked. It
 * is not running yet: a {@link ReleaseCreated} puts it in use.
 *
 * <p>A projection records the slug so a release can refer to it and runners can fetch it.
 *
 * @param slugId the slug's UUID
 * @param processTypes process type to command, from the Procfile, in the Procfile's order
 * @param checksum the tarball's digest, {@code SHA256:} followed by lower-case hex
 * @param size the tarball's size in bytes
 * @param commit the source commit, or null if unknown
 * @param commitDescription the commit's message, or null if unknown
 */
public record SlugCreated(
        String app,
        String by,
        Instant occurredAt,
        Long appVersion,
        String slugId,
        Map<String, String> processTypes,
        String checksum,
        long size,
        String commit,
        String commitDescription)
        implements PlatformEvent {

    public SlugCreated {
        Fields.requireCommon(app, by, occurredAt);
        Fields.required(slugId, "slugId");
        processTypes = Fields.orderedCopy(processTypes, "processTypes");
        Fields.required(checksum, "checksum");
        Fields.atLeast(size, 0, "size");
    }
}
