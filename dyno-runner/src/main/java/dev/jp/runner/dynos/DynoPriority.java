package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
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
 * listens on {@code $PORT} or after {@link Dyno}'s boot boost at most, any other at once). A boot is
 * on the clock (R10 after the boot timeout), and a host busy with the platform's own work (a log
 * flood, the runner forking a hundred other dynos) must not push it past it: a hundred web dynos at
 * niceness 19 from their first instruction took 0.4-0.9 s longer to all listen than at 0, waiting
 * behind the runner's own starts. Kubernetes' startup CPU boost does the same for pods.
 *
 * <p>Two settings make one niceness hold. The niceness of the dyno's first process and of every
 * process it started ({@link ProcessTree}; {@code setpriority}, in-process: no {@code nice} exec per
 * start) weighs it against processes of the same scheduling group. But each dyno is a session of its own ({@code setsid}), and where the
 * kernel groups by session (autogroup, {@code /proc/sys/kernel/sched_autogroup_enabled}, on for
 * processes outside any CPU cgroup) a session's whole group weighs as much as one of the platform's
 * services: 200 dynos were 200 shares against the API's one, and the API's read p99 under log load
 * grew 33-fold. So the session's group gets the niceness too ({@code /proc/<pid>/autogroup}), once
 * the dyno leads its session. The runner sets both: a process without CAP_SYS_ADMIN may change an
 * autogroup only once per 100 ms across the whole host, and nothing of a dyno runs as root.
 *
 * <p>Where the runner can, it goes further and puts every running dyno into one CPU cgroup that
 * weighs as one process at the niceness ({@link DynoCpuGroup}): then the dynos' share does not grow
 * with their count, and session groups no longer matter (the kernel applies them only outside CPU
 * cgroups).
 */
public final class DynoPriority implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynoPriority.class);
    /**
     * The longest a web dyno boots at the platform's priority: long enough for a program to bind
     * its port on a busy host, short enough that dynos which never bind (up to the 60 s boot
     * timeout, again and again) cannot take the host from the platform.
     */
    static final java.time.Duration BOOT_BOOST = java.time.Duration.ofSeconds(10);
    private static final boolean AUTOGROUPS = Files.exists(Path.of("/proc/self/autogroup"));
    /** How long a dyno's session group may take to get its niceness before the runner gives up. */
    private static final long SESSION_DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(60);
    /** How soon sessions not made yet, or not settable yet, are looked at again. */
    private static final long SESSION_RETRY_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final int niceness;
    /** Where running dynos go, when the runner could make it. */
    private final Optional<DynoCpuGroup> group;
    /** Where dynos yield, off the supervisor thread; null at niceness 0. */
    private final ScheduledExecutorService sessions;
    /** Leaders whose session group still needs the niceness, with their deadlines; only on {@link #sessions}. */
    private final Map<Long, Long> waiting = new LinkedHashMap<>();
    private boolean sweepScheduled;

    private DynoPriority(int niceness, Optional<DynoCpuGroup> group) {
        this.niceness = niceness;
        this.group = group;
        this.sessions = niceness == 0 ? null : Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "jp-dyno-priority");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Running dynos at niceness {@code niceness} (1..19), each weighed on its own; 0 leaves them at the runner's own priority. */
    public static DynoPriority of(int niceness) {
        return of(niceness, null);
    }

    /**
     * Running dynos at niceness {@code niceness} (1..19), all in the CPU cgroup {@code groupName}
     * when the runner can make it (else each weighed on its own); 0 leaves them at the runner's own priority.
     */
    public static DynoPriority of(int niceness, String groupName) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("a dyno's niceness is 0 (off) to 19, not " + niceness);
        }
        if (niceness > 0 && !Libc.available()) {
            LOG.warnf("dynos run at the runner's priority, not at niceness %d: libc is not loadable", niceness);
            return unchanged();
        }
        Optional<DynoCpuGroup> group = niceness == 0 || groupName == null ? Optional.empty() : DynoCpuGroup.create(groupName, niceness);
        group.ifPresent(g -> LOG.infof("running dynos share the CPU cgroup %s, weighing as one process at niceness %d",
                g.directory(), niceness));
        return new DynoPriority(niceness, group);
    }

    /** Dynos at the runner's own priority. */
    public static DynoPriority unchanged() {
        return new DynoPriority(0, Optional.empty());
    }

    public int niceness() {
        return niceness;
    }

    /** The CPU cgroup running dynos are in, when the runner could make one. */
    public Optional<Path> cpuGroup() {
        return group.map(DynoCpuGroup::directory);
    }

    /**
     * The dyno that {@code leader} started (its first process, a child of this runner) is up: it
     * and every process it has started yield the CPU from now on, and what they start later
     * inherits it. In the background: moving processes into a cgroup can wait for the kernel.
     */
    void yieldCpu(long leader) {
        if (niceness != 0) {
            sessions.execute(() -> yieldNow(leader));
        }
    }

    private void yieldNow(long leader) {
        if (!ProcessTree.isChildOfThisProcess(leader)) {
            return; // gone meanwhile, and its pid maybe another process's now
        }
        // The leader first, so what it forks from now on inherits; then what it forked before,
        // twice, for what a process forks while it is being moved.
        yieldProcess(leader);
        for (int pass = 0; pass < 2; pass++) {
            ProcessTree.descendantsOf(leader).forEach(this::yieldProcess);
        }
        if (group.isEmpty() && AUTOGROUPS) {
            waiting.put(leader, System.nanoTime() + SESSION_DEADLINE_NANOS);
            sweepSoon(0);
        }
    }

    private void yieldProcess(long pid) {
        Libc.setNiceness(Libc.PRIO_PROCESS, pid, niceness);
        group.ifPresent(g -> g.adopt(pid));
    }

    private void sweepSoon(long delayNanos) {
        if (!sweepScheduled) {
            sweepScheduled = true;
            sessions.schedule(this::sweep, delayNanos, TimeUnit.NANOSECONDS);
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
        if (!waiting.isEmpty()) {
            sweepSoon(SESSION_RETRY_NANOS);
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

    /** Stops the background work; call after the dynos are stopped, so their cgroup can go too. */
    @Override
    public void close() {
        if (sessions != null) {
            sessions.shutdownNow();
        }
        group.ifPresent(DynoCpuGroup::close);
    }
}
