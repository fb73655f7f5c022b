package dev.jp.runner.dynos;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts each dyno's own threads (its two output pumps and its exit watcher) off the supervisor
 * thread. {@code Thread.start()} returns only once the new thread runs, which on a busy machine
 * costs the caller a scheduling round trip per thread: three per dyno, in series with every other
 * start and restart if the supervisor did it. Late by a few milliseconds costs nothing: a pipe
 * holds 64 KiB, and a process that exited meanwhile is reported as soon as its watcher runs.
 */
final class ThreadStarter {

    private static final ExecutorService STARTER = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "jp-dyno-thread-starter");
        thread.setDaemon(true);
        return thread;
    });

    private ThreadStarter() {
    }

    static void later(Runnable starts) {
        STARTER.execute(starts);
    }
}
