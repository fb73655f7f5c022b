package dev.jp.runner.dynos;

import java.util.function.IntConsumer;

/**
 * Reports a dyno process's exit status from a thread of its own, blocked in {@link Process#waitFor()}.
 * Not {@link Process#onExit()}: that hands every exit to CompletableFuture's default async pool,
 * which on a machine of two cores or fewer starts a new thread per task (and elsewhere shares the
 * common pool with the rest of the JVM), one more thread start or queue between a crash and its
 * restart.
 */
final class ExitWatcher {

    private ExitWatcher() {
    }

    static void watch(Process process, String name, IntConsumer exited) {
        Thread watcher = new Thread(() -> {
            while (true) {
                try {
                    exited.accept(process.waitFor());
                    return;
                } catch (InterruptedException e) {
                    // Nobody interrupts this thread on purpose; the exit still has to be reported.
                }
            }
        }, name);
        watcher.setDaemon(true);
        watcher.start();
    }
}
