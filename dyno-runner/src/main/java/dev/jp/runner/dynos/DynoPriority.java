package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The CPU priority of running dynos: lower than the platform's own services on the same host, so
 * that hundreds of busy dynos (user work) cannot starve the runner that reads their output, the log
 * router, Kafka or the API. Heroku meters dyno CPU, Kubernetes gives pods cgroup CPU weights; here
 * it is a niceness. Dynos still share equally among themselves and use all of the CPU the platform
 * leaves idle.
 *
 * <p><b>A dyno boots at the platform's priority and yields once it is up</b> (a web dyno when it
 * listens on {@code $PORT}, any other at once). A boot is on the clock (R10 after the boot
 * timeout), and a host busy with the platform's own work (a log flood, the runner forking a
 * hundred other dynos) must not push it past it: a hundred web dynos at niceness 19 from their
 * first instruction took 0.4-0.9 s longer to all listen than at 0, waiting behind the runner's
 * own starts. Kubernetes' startup CPU boost does the same for pods.
 *
 * <p>Two settings make one niceness hold. The niceness of every process of the dyno's group
 * ({@code setpriority}, in-process: no {@code nice} exec per start) weighs it against processes of
 * the same scheduling group. But each dyno is a session of its own ({@code setsid}), and where the
 * kernel groups by session (autogroup, {@code /proc/sys/kernel/sched_autogroup_enabled}, on for
 * processes outside any CPU cgroup) a session's whole group weighs as much as one of the platform's
 * services: 200 dynos were 200 shares against the API's one, and the API's read p99 under log load
 * grew 33-fold. So the session's group gets the niceness too ({@code /proc/<pid>/autogroup}), once
 * the dyno leads its session. The runner sets both: a process without CAP_SYS_ADMIN may change an
 * autogroup only once per 100 ms across the whole host, and nothing of a dyno runs as root.
 */
public final class DynoPriority implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynoPriority.class);
    private static final boolean AUTOGROUPS = Files.exists(Path.of("/proc/self/autogroup"));
    /** How long a dyno's session group may take to get its niceness before the runner gives up. */
    private static final long SESSION_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How soon sessions not made yet, or not settable yet, are looked at again. */
    private static final long SESSION_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int niceness;
    /** Sets session groups' niceness, off the supervisor thread; null when there is nothing to set. */
    private final ScheduledExecutorService sessions;
    /** Leaders whose session group still needs the niceness, with their deadlines; only on {@link #sessions}. */
    private final Map<Long, Long> waiting = new LinkedHashMap<>();
    private boolean sweepScheduled;

    private DynoPriority(int niceness) {
        this.niceness = niceness;
        this.sessions = niceness == 0 || !AUTOGROUPS ? null : Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jp-dyno-priority");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Running dynos at niceness {@code niceness} (1..19); 0 leaves them at the runner's own priority. */
    public static DynoPriority of(int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("a dyno's niceness is 0 (off) to 19, not " + niceness);
        }
        if (niceness > 0 && !Libc.available()) {
            LOG.warnf("dynos run at the runner's priority, not at niceness %d: libc is not loadable", niceness);
            return new DynoPriority(0);
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

    /**
     * The dyno that {@code leader} started (its pid is the dyno's process and session group id)
     * is up: it and everything it started yield the CPU from now on.
     *
     * <p>The leader first, then its group: a dyno just forked may not have made its group yet
     * ({@code setsid} has not run; the group is then not found), and then it has no children
     * either, so the leader's niceness is what every later process inherits; a dyno that has made
     * its group has every child in it.
     */
    void yieldCpu(long leader) {
        if (niceness == 0) {
            return;
        }
        Libc.setNiceness(Libc.PRIO_PROCESS, leader, niceness);
        Libc.setNiceness(Libc.PRIO_PGRP, leader, niceness);
        if (sessions != null) {
            sessions.execute(() -> {
                waiting.put(leader, System.nanoTime() + SESSION_DEADLINE_NANOS);
                sweep();
            });
        }
    }

    /** Gives every waiting session group whose session exists the niceness; looks again soon for the rest. */
    private void sweep() {
        sweepScheduled = false;
        long now = System.nanoTime();
        for (Iterator<Map.Entry<Long, Long>> it = waiting.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<Long, Long> entry = it.next();
            if (setSessionNiceness(entry.getKey())) {
                it.remove();
            } else if (now - entry.getValue() > 0) {
                LOG.debugf("dyno %d: its session's niceness could not be set", entry.getKey());
                it.remove();
            }
        }
        if (!waiting.isEmpty() && !sweepScheduled) {
            sweepScheduled = true;
            sessions.schedule(this::sweep, SESSION_RETRY_NANOS, TimeUnit.NANOSECONDS);
        }
    }

    /** True when done with this leader: set, or the dyno is gone. */
    private boolean setSessionNiceness(long leader) {
        try {
            String fields = Files.readString(Path.of("/proc/" + leader + "/stat"));
            // pid (comm) state ppid pgrp session ...: the session exists once setsid has run. Never
            // before: until then the file is the runner's own session group.
            String[] after = fields.substring(fields.lastIndexOf(')') + 2).split(" ");
            if (Long.parseLong(after[3]) != leader) {
                return false;
            }
            Files.writeString(Path.of("/proc/" + leader + "/autogroup"), Integer.toString(niceness));
            return true;
        } catch (NoSuchFileException gone) {
            return true;
        } catch (IOException | RuntimeException notYet) {
            return false; // EAGAIN: an unprivileged runner may change one autogroup per 100 ms on the host
        }
    }

    @Override
    public void close() {
        if (sessions != null) {
            sessions.shutdownNow();
        }
    }
}
