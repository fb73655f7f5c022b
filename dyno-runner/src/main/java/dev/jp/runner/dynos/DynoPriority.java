package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * The CPU priority dynos run at: lower than the platform's own services on the same host, so that
 * hundreds of busy dynos (user work) cannot starve the runner that reads their output, the log
 * router, Kafka or the API. Heroku meters dyno CPU, Kubernetes gives pods cgroup CPU weights; here
 * it is the niceness every process of a dyno starts with.
 *
 * <p>Two settings make one niceness hold. {@code nice -n N} (after {@code setpriv}: nothing of a
 * dyno runs as root) lowers each process's weight against processes of the same scheduling group.
 * But each dyno is a session of its own ({@code setsid}), and where the kernel groups by session
 * (autogroup, {@code /proc/sys/kernel/sched_autogroup_enabled}, on for processes outside any CPU
 * cgroup) a session's whole group weighs as much as one of the platform's services: 200 dynos were
 * 200 shares against the API's one, and the API's read p99 under log load grew 33-fold. So the
 * runner also sets the niceness of each dyno's session group ({@code /proc/<pid>/autogroup}), off
 * the forking threads, once the dyno leads its session. The runner does it rather than the dyno:
 * the kernel lets a process without CAP_SYS_ADMIN change an autogroup only once per 100 ms across
 * the whole host, so 200 dynos starting at once, each setting its own, mostly failed; a root runner
 * has no such limit, and an unprivileged one retries in the background. On a host without
 * autogroups there is nothing to set and {@code nice} alone does the work.
 */
public final class DynoPriority implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynoPriority.class);
    private static final String NICE = "/usr/bin/nice";
    private static final boolean AUTOGROUPS = Files.exists(Path.of("/proc/self/autogroup"));
    /** How long a dyno's session group may take to get its niceness before the runner gives up. */
    private static final long SESSION_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);

    private final int niceness;
    private final ExecutorService sessions;

    private DynoPriority(int niceness) {
        this.niceness = niceness;
        this.sessions = niceness == 0 || !AUTOGROUPS ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "jp-dyno-priority");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Dynos at niceness {@code niceness} (1..19); 0 runs them at the runner's own priority. */
    public static DynoPriority of(int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("a dyno's niceness is 0 (off) to 19, not " + niceness);
        }
        if (niceness > 0 && !Files.isExecutable(Path.of(NICE))) {
            throw new IllegalStateException("dyno-runner needs " + NICE + " (coreutils) to start dynos at niceness "
                    + niceness + "; set jp.runner.dyno-nice=0 to run them at the runner's priority");
        }
        return new DynoPriority(niceness);
    }

    /** Dynos at the runner's own priority. */
    public static DynoPriority unchanged() {
        return new DynoPriority(0);
    }

    public int niceness() {
        return niceness;
    }

    /** What goes before a dyno's {@code /bin/sh -c command}, after {@code setpriv}: {@code nice -n N}, or nothing when off. */
    List<String> prefix() {
        return niceness == 0 ? List.of() : List.of(NICE, "-n", Integer.toString(niceness));
    }

    /** Gives the session that {@code leader} leads (a dyno just forked) this niceness, in the background. */
    void applyToSession(long leader) {
        if (sessions != null) {
            sessions.execute(() -> setSessionNiceness(leader));
        }
    }

    private void setSessionNiceness(long leader) {
        Path stat = Path.of("/proc/" + leader + "/stat");
        Path group = Path.of("/proc/" + leader + "/autogroup");
        long deadline = System.nanoTime() + SESSION_DEADLINE_NANOS;
        while (System.nanoTime() - deadline < 0) {
            try {
                String fields = Files.readString(stat);
                // pid (comm) state ppid pgrp session ...: the session exists once setsid has run.
                String[] after = fields.substring(fields.lastIndexOf(')') + 2).split(" ");
                if (Long.parseLong(after[3]) == leader) {
                    Files.writeString(group, Integer.toString(niceness));
                    return;
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                return; // the dyno ended already
            } catch (IOException | RuntimeException notYet) {
                // EAGAIN: an unprivileged runner may change one autogroup per 100 ms on the host.
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(20));
        }
        LOG.debugf("dyno %d: its session's niceness could not be set", leader);
    }

    @Override
    public void close() {
        if (sessions != null) {
            sessions.shutdownNow();
        }
    }
}
