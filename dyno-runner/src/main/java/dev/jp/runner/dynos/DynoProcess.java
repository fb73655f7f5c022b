package dev.jp.runner.dynos;

import java.nio.file.Path;
import java.time.Instant;

/**
 * A dyno's running process: the shell that leads its process group, its port and its private copy.
 *
 * @param process   the {@code /bin/sh -c} leader; its pid is the group id
 * @param group     the dyno's process group
 * @param port      its {@code $PORT}
 * @param directory its private copy of the slug
 * @param startedAt when it was forked
 */
record DynoProcess(Process process, ProcessGroup group, int port, Path directory, Instant startedAt) {

    long pid() {
        return process.pid();
    }
}
