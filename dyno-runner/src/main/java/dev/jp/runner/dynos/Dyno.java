package dev.jp.runner.dynos;

import dev.jp.events.DesiredDyno;
import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.DynoStats;
import dev.jp.runner.attach.AttachFailed;
import dev.jp.runner.attach.Terminal;
import dev.jp.runner.output.OutputPump;
import dev.jp.runner.slugs.ChecksumMismatch;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * One dyno slot on this runner and its life: {@code starting → up → (crashed | down)}, restarts
 * after crashes, stops and restarts on request. Every method runs on the runner's supervisor
 * thread, so the state needs no locks; callbacks from other threads (process exit, slug ready)
 * carry the {@link #generation} they belong to and are ignored once it has moved on.
 */
final class Dyno {

    private static final Logger LOG = Logger.getLogger(Dyno.class);
    private static final Duration STOP_CHECK = Duration.ofMillis(50);

    /** What the slot is doing right now. */
    private enum Phase {
        /** Nothing running, nothing planned (stopped on purpose). */
        IDLE,
        /** Waiting for a start slot, the slug or its copy. */
        PREPARING,
        /** The process runs (state starting or up). */
        RUNNING,
        /** SIGTERM sent; waiting for the group to be gone. */
        STOPPING,
        /** Crashed; a restart is scheduled. */
        WAITING,
        /** A one-off dyno that has exited; it never runs again. */
        DONE
    }

    /** What to do once the slot is stopped. */
    private enum Then { NOTHING, START, REMOVE }

    private final DynoRuntime runtime;
    private final DynoSupervisor supervisor;
    private final String key;
    private final int partition;
    private DesiredDyno desired;
    private Phase phase = Phase.IDLE;
    private DynoState state;
    private int generation;
    private DynoProcess process;
    /** The one pending timer: a delayed start, a restart, or the stop check. */
    private ScheduledFuture<?> timer;
    /** A starting web dyno's watch for its $PORT, and its boot timeout (R10). */
    private BindWatch.Watch bindWatch;
    private ScheduledFuture<?> bootTimeout;
    /** Whether the running process has yielded the CPU to the platform (DynoPriority). */
    private boolean yielded;
    private int crashes;
    private Instant upSince;
    private String error;
    private Integer stopExitStatus;
    /** When the leader's exit was seen during a stop ({@link System#nanoTime()}): group scans must be newer. */
    private long stopExitSeenNanos;
    private Instant stopDeadline;
    private boolean killed;
    private Then then = Then.NOTHING;
    private DesiredDyno next;
    /** The copy of the slug made ahead for the slot's next start, or null. */
    private Spare spare;
    private ProcessTable.Usage lastUsage;
    private Instant lastSampleAt;
    private Double cpuPercent;

    Dyno(DynoRuntime runtime, DynoSupervisor supervisor, int partition, DesiredDyno desired) {
        this.runtime = runtime;
        this.supervisor = supervisor;
        this.key = desired.key();
        this.partition = partition;
        this.desired = desired;
    }

    String key() {
        return key;
    }

    int partition() {
        return partition;
    }

    /** What {@code jp ps} would show about this slot, for the runner's own status page and tests. */
    DynoView view() {
        return new DynoView(desired.app(), desired.slot(), desired.releaseVersion(),
                state == null ? null : state.wireName(), process == null ? null : process.pid(),
                process == null ? null : process.port(), crashes,
                lastUsage == null ? null : lastUsage.rssBytes(), lastUsage == null ? null : lastUsage.pssBytes(), cpuPercent);
    }

    /** The process group to measure, or null when no process runs. */
    Long groupToSample() {
        return phase == Phase.RUNNING && process != null ? process.group().id() : null;
    }

    /**
     * A fresh measurement of the dyno's group: logged as a runtime-metrics line, and checked against
     * the size's memory quota (R14 above it, R15 and SIGKILL above twice it).
     */
    void sampled(long group, ProcessTable.Usage usage, Instant at) {
        if (groupToSample() == null || groupToSample() != group) {
            return;
        }
        if (lastUsage != null && lastSampleAt != null && at.isAfter(lastSampleAt)) {
            double seconds = Duration.between(lastSampleAt, at).toNanos() / 1e9;
            double used = Math.max(0, usage.cpuTicks() - lastUsage.cpuTicks()) / (double) ProcessTable.TICKS_PER_SECOND;
            cpuPercent = 100 * used / seconds;
        }
        lastUsage = usage;
        lastSampleAt = at;
        runtime.log().heroku(desired, String.format(Locale.ROOT,
                "source=%s sample#memory_rss=%.2fMB sample#memory_pss=%.2fMB sample#cpu=%.1f%%", desired.slot(),
                usage.rssBytes() / 1048576.0, usage.pssBytes() / 1048576.0, cpuPercent == null ? 0.0 : cpuPercent));
        runtime.publisher().publishStats(new DynoStats(desired.app(), desired.slot(), runtime.host(),
                cpuPercent == null ? 0.0 : cpuPercent, usage.rssBytes() / 1048576.0, usage.pssBytes() / 1048576.0, at));
        long quota = runtime.memoryQuota(desired.size());
        if (usage.rssBytes() > 2 * quota) {
            runtime.log().heroku(desired, "Error R15 (Memory quota vastly exceeded)");
            runtime.log().heroku(desired, "Stopping process with SIGKILL");
            error = "R15";
            process.group().signal("KILL");
        } else if (usage.rssBytes() > quota) {
            runtime.log().heroku(desired, "Error R14 (Memory quota exceeded)");
        }
    }

    // --- requests ---------------------------------------------------------------------------

    void start() {
        start(desired);
    }

    /** The slot's record changed: a different release, command, env, size or restart nonce restarts it. */
    void update(DesiredDyno changed) {
        if (phase == Phase.STOPPING) {
            then = Then.START;
            next = changed;
            return;
        }
        boolean restart = !sameRun(desired, changed);
        desired = changed;
        if (restart) {
            crashes = 0;
            stop(Then.START, changed);
        }
    }

    /** The slot is gone from this runner (tombstone, revocation, shutdown): stop, then forget it. */
    void remove() {
        stop(Then.REMOVE, null);
    }

    // --- starting ---------------------------------------------------------------------------

    private void start(DesiredDyno record) {
        cancelBootWatch();
        desired = record;
        int gen = ++generation;
        phase = Phase.PREPARING;
        error = null;
        long wait = runtime.spawns().reserve();
        if (wait > 0) {
            timer = runtime.supervisor().schedule(() -> prepare(gen), wait, TimeUnit.NANOSECONDS);
        } else {
            prepare(gen);
        }
    }

    private void prepare(int gen) {
        if (gen != generation) {
            return;
        }
        DesiredDyno record = desired;
        Path ready = claimSpare(record);
        if (ready != null) {
            launch(gen, ready, null);
            return;
        }
        // An attached one-off first meets its user at the rendezvous: the process starts once they are there.
        CompletableFuture<Terminal> terminal = record.attach()
                ? CompletableFuture.supplyAsync(() -> dial(record), runtime.io()) : CompletableFuture.completedFuture(null);
        terminal.thenCompose(user -> runtime.slugs().unpacked(record)
                        .thenCompose(slug -> runtime.directories().freshCopyAsync(slug, record.app(), record.slot()))
                        .whenComplete((dir, failure) -> {
                            if (failure != null && user != null) {
                                user.close();
                            }
                        }))
                .whenCompleteAsync((dir, failure) -> {
                    if (failure != null) {
                        Throwable cause = failure;
                        while (cause instanceof CompletionException && cause.getCause() != null) {
                            cause = cause.getCause();
                        }
                        failedToStart(gen, cause);
                    } else {
                        launch(gen, dir, terminal.join());
                    }
                }, runtime.supervisor());
    }

    private Terminal dial(DesiredDyno record) {
        try {
            return runtime.rendezvous().dial(record.rendezvousUrl());
        } catch (AttachFailed e) {
            throw new CompletionException(e);
        }
    }

    /**
     * The copy made ahead for this start, moved into place, if it is ready and of this slug; else a
     * spare kept from a removed dyno of the same slug (not for attached one-offs, which first meet
     * their user); else null.
     */
    private Path claimSpare(DesiredDyno record) {
        Spare taken = spare;
        spare = null;
        if (taken == null) {
            return record.attach() ? null : claimKept(record);
        }
        if (taken.checksum().equals(record.slugChecksum()) && taken.copy().isDone() && !taken.copy().isCompletedExceptionally()) {
            try {
                return runtime.directories().claim(taken.copy().join(), record.app(), record.slot());
            } catch (IOException e) {
                LOG.warnf("%s cannot use its spare copy, copying afresh: %s", key, e.getMessage());
            }
        }
        discard(taken);
        return record.attach() ? null : claimKept(record);
    }

    private Path claimKept(DesiredDyno record) {
        Path kept = runtime.directories().takeKept(record.slugChecksum());
        if (kept == null) {
            return null;
        }
        try {
            return runtime.directories().claim(kept, record.app(), record.slot());
        } catch (IOException e) {
            LOG.warnf("%s cannot use a kept copy, copying afresh: %s", key, e.getMessage());
            runtime.io().execute(() -> runtime.directories().delete(kept));
            return null;
        }
    }

    /**
     * Copies the slug for the next start while this one runs, so that a crash restarts without
     * waiting for a copy. Never for one-offs, which do not restart. A dyno that has crashed before
     * waits at least the back-off's delay after its next crash, so its copy is made later, half
     * that delay from now: a restart is not followed at once by work that competes with the next
     * dyno's restart, and the copy is still ready in time.
     */
    private void prepareSpare() {
        if (spare != null || desired.oneOff()) {
            return;
        }
        DesiredDyno record = desired;
        // Never later than half the forgiveness window: a dyno up that long restarts at once.
        Duration notBefore = min(runtime.restarts().leastDelayAfterNextCrash(crashes), runtime.restarts().forgiveAfter()).dividedBy(2);
        spare = new Spare(record.slugChecksum(), runtime.slugs().unpacked(record)
                .thenCompose(slug -> runtime.directories().spareCopyAsync(slug, notBefore)));
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }

    private void discard(Spare dropped) {
        dropped.copy().thenAcceptAsync(runtime.directories()::delete, runtime.io());
    }

    private void launch(int gen, Path dir, Terminal terminal) {
        if (gen != generation) {
            runtime.directories().delete(dir);
            if (terminal != null) {
                terminal.close();
            }
            return;
        }
        DesiredDyno record = desired;
        int port = runtime.ports().take();
        if (terminal != null) {
            launchAttached(gen, record, dir, port, terminal);
            return;
        }
        // Forked on the launcher's threads, a few at once, while the supervisor goes on with other
        // dynos; the time is taken on the forking thread, when the process came to exist.
        runtime.launcher().launchAsync(record.command(), dir, environment(record, dir, port))
                .thenApply(started -> new Forked(started, runtime.clock().instant()))
                .whenCompleteAsync((forked, failure) -> {
                    if (failure != null) {
                        runtime.ports().release(port);
                        runtime.directories().delete(dir);
                        failedToStart(gen, failure instanceof CompletionException c && c.getCause() != null
                                ? c.getCause() : failure);
                    } else if (gen != generation) {
                        abandon(forked.process(), port, dir);
                    } else {
                        running(gen, record, forked, port, dir, null);
                    }
                }, runtime.supervisor());
    }

    /**
     * An attached one-off: its command runs on a pseudo-terminal bridged to the user at the
     * rendezvous, or on plain pipes when the user's input is not a terminal ({@code force_no_tty}).
     */
    private void launchAttached(int gen, DesiredDyno record, Path dir, int port, Terminal terminal) {
        Process started;
        Runnable userLeft = () -> runtime.supervisor().execute(() -> userLeft(gen));
        try {
            started = record.forceNoTty()
                    ? terminal.startOnPipes(runtime.launcher(), record.slot(), record.command(), dir, environment(record, dir, port), userLeft)
                    : terminal.start(runtime.launcher(), record.slot(), record.command(), dir, environment(record, dir, port), userLeft);
        } catch (IOException | RuntimeException e) {
            runtime.ports().release(port);
            runtime.directories().delete(dir);
            terminal.close();
            failedToStart(gen, e);
            return;
        }
        running(gen, record, new Forked(started, runtime.clock().instant()), port, dir, terminal);
    }

    /** A process forked for a start that has been called off meanwhile (the slot stopped or changed). */
    private void abandon(Process started, int port, Path dir) {
        runtime.io().execute(() -> {
            new ProcessGroup(started.pid()).signal("KILL");
            runtime.ports().release(port);
            runtime.directories().delete(dir);
        });
    }

    private void running(int gen, DesiredDyno record, Forked forked, int port, Path dir, Terminal terminal) {
        Process started = forked.process();
        process = new DynoProcess(started, new ProcessGroup(started.pid()), port, dir, forked.at());
        runtime.leftovers().record(started.pid(), record.app(), record.slot());
        phase = Phase.RUNNING;
        upSince = null;
        yielded = false;
        ThreadStarter.later(() -> {
            if (terminal == null) { // an attached dyno's output goes to its user's terminal, not to the log
                OutputPump.start("jp-out-" + record.slot(), started.getInputStream(), line -> runtime.log().app(record, line, false));
                OutputPump.start("jp-err-" + record.slot(), started.getErrorStream(), line -> runtime.log().app(record, line, true));
            }
            ExitWatcher.watch(started, "jp-exit-" + record.slot(), status -> {
                try {
                    runtime.supervisor().execute(() -> exited(gen, status));
                } catch (RejectedExecutionException closed) {
                    // The runner has closed; nothing is left to restart.
                }
            });
        });
        // Stamped with the moment the fork returned: that is when the process started.
        transition(DynoState.STARTING, null, null, process.startedAt());
        runtime.log().heroku(record, "Starting process with command `" + record.command() + "`");
        if (isWeb()) {
            bindWatch = runtime.binds().watch(port, () -> {
                try {
                    runtime.supervisor().execute(() -> bound(gen));
                } catch (RejectedExecutionException closed) {
                    // The runner has closed meanwhile.
                }
            });
            bootTimeout = runtime.supervisor().schedule(() -> bootTimedOut(gen),
                    runtime.timings().bootTimeout().toNanos(), TimeUnit.NANOSECONDS);
            runtime.supervisor().schedule(() -> {
                if (gen == generation && phase == Phase.RUNNING) {
                    yieldCpu();
                }
            }, DynoPriority.BOOT_BOOST.toNanos(), TimeUnit.NANOSECONDS);
        } else {
            up();
        }
        if (record.timeToLive() != null) {
            runtime.supervisor().schedule(() -> outlived(gen), record.timeToLive(), TimeUnit.SECONDS);
        }
    }

    /** A one-off's time to live has passed: the normal stop, after which it is gone like any ended one-off. */
    private void outlived(int gen) {
        if (gen == generation && phase == Phase.RUNNING) {
            runtime.log().heroku(desired, "Time to live of " + desired.timeToLive() + "s reached");
            stop(Then.NOTHING, null);
        }
    }

    /** The environment of the process: a sane base, the app's env, then what depends on this host. */
    private static Map<String, String> environment(DesiredDyno record, Path dir, int port) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", dir.toString());
        env.put("LANG", "C.UTF-8");
        env.putAll(record.env());
        env.put("PORT", Integer.toString(port));
        env.put("PS", record.slot());
        return env;
    }

    /** Something listens on the web dyno's $PORT: it is up. */
    private void bound(int gen) {
        if (gen != generation || phase != Phase.RUNNING || state != DynoState.STARTING) {
            return; // a watch of an earlier start, or a dyno that stopped meanwhile
        }
        cancelBootWatch();
        up();
    }

    private void bootTimedOut(int gen) {
        if (gen != generation || phase != Phase.RUNNING || state != DynoState.STARTING) {
            return;
        }
        cancelBootWatch();
        long seconds = runtime.timings().bootTimeout().toSeconds();
        runtime.log().heroku(desired, "Error R10 (Boot timeout) -> Web process failed to bind to $PORT within "
                + seconds + " seconds of launch");
        error = "R10";
        runtime.log().heroku(desired, "Stopping process with SIGKILL");
        process.group().signal("KILL");
    }

    private void up() {
        upSince = runtime.clock().instant();
        yieldCpu();
        transition(DynoState.UP, null, null);
        prepareSpare();
    }

    /** Once per process: it has booted (or had its boot boost), from now on the platform goes first. */
    private void yieldCpu() {
        if (!yielded) {
            yielded = true;
            runtime.launcher().yieldCpu(process.pid());
        }
    }

    private void failedToStart(int gen, Throwable failure) {
        if (gen != generation) {
            return;
        }
        if (failure instanceof AttachFailed attach) {
            error = "R13";
            runtime.log().heroku(desired, "Error R13 (Attach error) -> Failed to attach to process: " + attach.getMessage());
        } else if (failure instanceof ChecksumMismatch mismatch) {
            error = "R17";
            runtime.log().heroku(desired, "Error R17 (Checksum error) -> Checksum does not match expected value. Expected: "
                    + mismatch.expected() + " Actual: " + mismatch.actual());
        } else {
            runtime.log().heroku(desired, "Failed to start: " + failure.getMessage());
        }
        LOG.warnf("%s failed to start: %s", key, failure.getMessage());
        crashed(gen, null);
    }

    // --- exit and crashes -------------------------------------------------------------------

    private void exited(int gen, int status) {
        if (gen != generation) {
            return;
        }
        runtime.log().heroku(desired, "Process exited with status " + status);
        if (phase == Phase.STOPPING) {
            stopExitStatus = status;
            stopExitSeenNanos = System.nanoTime();
            checkStopped(gen);
            return;
        }
        cancelTimer();
        ProcessGroup group = process.group();
        crashed(gen, status);
        // The main process is gone; nothing else of the dyno may outlive it. Off this thread and
        // after the restart, so the new process does not wait for (nor compete with) the kill.
        runtime.io().execute(() -> group.signal("KILL"));
    }

    /** The process ended (or never started) without anyone asking: restart per the policy. */
    private void crashed(int gen, Integer status) {
        Instant now = runtime.clock().instant();
        if (desired.oneOff()) {
            phase = Phase.DONE;
            transition(status != null && status == 0 ? DynoState.DOWN : DynoState.CRASHED, status, null);
            releaseProcess();
            return;
        }
        Duration upFor = upSince == null ? Duration.ZERO : Duration.between(upSince, now);
        crashes = runtime.restarts().crashesAfter(crashes, upFor);
        Duration delay = runtime.restarts().delayAfter(crashes, runtime.random());
        phase = Phase.WAITING;
        Long pid = process == null ? null : process.pid();
        String fault = error;
        releaseProcess();
        error = null;
        if (delay.isZero()) {
            start(desired);
        } else {
            timer = runtime.supervisor().schedule(() -> {
                if (gen == generation && phase == Phase.WAITING) {
                    start(desired);
                }
            }, delay.toNanos(), TimeUnit.NANOSECONDS);
        }
        // Told once the restart is under way: the fact and the lines are not what the new process
        // waits for. Its own "starting" comes after the fork, so the facts stay in order.
        transition(DynoState.CRASHED, status, now.plus(delay), now, pid, fault);
    }

    // --- stopping ---------------------------------------------------------------------------

    /** The user of an attached dyno disconnected (its group got SIGHUP): the normal stop follows. */
    private void userLeft(int gen) {
        if (gen == generation && phase == Phase.RUNNING) {
            stop(Then.NOTHING, null);
        }
    }

    private void stop(Then after, DesiredDyno record) {
        then = after;
        next = record;
        switch (phase) {
            case RUNNING -> {
                cancelTimer();
                phase = Phase.STOPPING;
                stopExitStatus = null;
                killed = false;
                Duration grace = runtime.stopGrace(desired.processType());
                stopDeadline = runtime.clock().instant().plus(grace);
                runtime.log().heroku(desired, "Stopping all processes with SIGTERM");
                process.group().signal("TERM");
                int gen = generation;
                timer = runtime.supervisor().scheduleWithFixedDelay(() -> checkStopped(gen),
                        STOP_CHECK.toNanos(), STOP_CHECK.toNanos(), TimeUnit.NANOSECONDS);
            }
            case STOPPING -> {
                // Already on its way down; what happens next is updated above.
            }
            default -> {
                // Nothing runs: cancel whatever was planned (a restart, a fetch) and settle now.
                boolean finished = phase == Phase.DONE;
                generation++;
                cancelTimer();
                phase = Phase.IDLE;
                if (!finished && (state == DynoState.CRASHED || state == DynoState.STARTING)) {
                    transition(DynoState.DOWN, null, null);
                }
                afterStop();
            }
        }
    }

    private void checkStopped(int gen) {
        if (gen != generation || phase != Phase.STOPPING) {
            return;
        }
        boolean leaderGone = stopExitStatus != null;
        if (leaderGone && !process.group().hadLiveMembers(stopExitSeenNanos)) {
            cancelTimer();
            phase = Phase.IDLE;
            crashes = 0;
            transition(DynoState.DOWN, stopExitStatus, null);
            releaseProcess();
            error = null;
            afterStop();
        } else if (!killed && !runtime.clock().instant().isBefore(stopDeadline)) {
            killed = true;
            error = "R12";
            runtime.log().heroku(desired, "Error R12 (Exit timeout) -> Process failed to exit within "
                    + runtime.stopGrace(desired.processType()).toSeconds() + " seconds of SIGTERM");
            runtime.log().heroku(desired, "Stopping process with SIGKILL");
            process.group().signal("KILL");
        }
    }

    private void afterStop() {
        Then after = then;
        then = Then.NOTHING;
        switch (after) {
            case START -> start(next != null ? next : desired);
            case REMOVE -> {
                if (spare != null) {
                    // Never run in: the next start of this slug on this runner may have it.
                    runtime.directories().keep(spare.checksum(), spare.copy());
                    spare = null;
                }
                supervisor.forget(this);
            }
            case NOTHING -> {
            }
        }
        next = null;
    }

    // --- bookkeeping ------------------------------------------------------------------------

    private void transition(DynoState to, Integer exitStatus, Instant nextRestartAt) {
        transition(to, exitStatus, nextRestartAt, runtime.clock().instant());
    }

    private void transition(DynoState to, Integer exitStatus, Instant nextRestartAt, Instant at) {
        transition(to, exitStatus, nextRestartAt, at, process == null ? null : process.pid(), error);
    }

    private void transition(DynoState to, Integer exitStatus, Instant nextRestartAt, Instant at, Long pid, String fault) {
        DynoState from = state;
        state = to;
        if (from != null && from != to) {
            runtime.log().heroku(desired, "State changed from " + from.wireName() + " to " + to.wireName());
        }
        runtime.publisher().publish(new DynoStateChanged(desired.app(), "runner:" + runtime.host(),
                at, null, desired.slot(), desired.processType(), desired.releaseVersion(), to,
                runtime.host(), pid, exitStatus, Signals.nameOf(exitStatus), crashes, nextRestartAt, fault));
        MDC.put("app", desired.app());
        MDC.put("dyno", desired.slot());
        try {
            if (to == DynoState.CRASHED) {
                LOG.infof("crashed (exit %s, %d in a row), restarting %s", exitStatus, crashes,
                        nextRestartAt == null ? "never" : "at " + nextRestartAt);
            } else {
                LOG.infof("%s (pid %s)", to.wireName(), pid);
            }
        } finally {
            MDC.remove("app");
            MDC.remove("dyno");
        }
    }

    private void releaseProcess() {
        lastUsage = null;
        lastSampleAt = null;
        cpuPercent = null;
        if (process != null) {
            runtime.ports().release(process.port());
            runtime.leftovers().forget(process.pid());
            Path dir = process.directory();
            runtime.io().execute(() -> runtime.directories().delete(dir));
            process = null;
        }
    }

    private void cancelTimer() {
        cancelBootWatch();
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    private void cancelBootWatch() {
        if (bindWatch != null) {
            bindWatch.cancel();
            bindWatch = null;
        }
        if (bootTimeout != null) {
            bootTimeout.cancel(false);
            bootTimeout = null;
        }
    }

    private boolean isWeb() {
        return "web".equals(desired.processType());
    }

    /** A process and when it came to exist. */
    private record Forked(Process process, Instant at) {
    }

    /** A copy of the slug made ahead, for the slug it was made of. */
    private record Spare(String checksum, CompletableFuture<Path> copy) {
    }

    /** Whether two records run the same process: otherwise the slot restarts. */
    private static boolean sameRun(DesiredDyno a, DesiredDyno b) {
        return a.releaseVersion() == b.releaseVersion()
                && a.restartNonce() == b.restartNonce()
                && Objects.equals(a.command(), b.command())
                && Objects.equals(a.env(), b.env())
                && Objects.equals(a.size(), b.size())
                && Objects.equals(a.processType(), b.processType())
                && Objects.equals(a.slugChecksum(), b.slugChecksum());
    }
}
