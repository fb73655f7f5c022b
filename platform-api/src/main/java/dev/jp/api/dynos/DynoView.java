package dev.jp.api.dynos;

import dev.jp.api.http.Ref;
import java.time.Instant;

/**
 * A dyno as the Heroku Platform API shows it, plus what jp's own clients show in {@code jp ps}:
 * the runner host, pid, restart count, next restart time, the last exit and error, and the newest
 * resource sample (CPU in percent of a core, memory in MB; null until a runner reported one).
 */
public record DynoView(String id, String name, String type, String command, String state, String size,
                       String attachUrl, ReleaseRef release, Ref app, Instant createdAt, Instant updatedAt,
                       String host, Long pid, int restartCount, Instant nextRestartAt, Integer exitStatus,
                       String signal, String error, Double cpuPercent, Double memoryRssMb, Double memoryPssMb) {

    public record ReleaseRef(String id, int version) {
    }

    /** The same dyno, as its creator sees it: with the {@code attach_url} of its terminal. */
    public DynoView withAttachUrl(String url) {
        return new DynoView(id, name, type, command, state, size, url, release, app, createdAt, updatedAt, host, pid,
                restartCount, nextRestartAt, exitStatus, signal, error, cpuPercent, memoryRssMb, memoryPssMb);
    }
}
