package dev.jp.runner.dynos;

import dev.jp.events.DesiredDyno;
import dev.jp.runner.RunnerConfig;
import dev.jp.runner.attach.RendezvousDialer;
import dev.jp.runner.output.DynoLog;
import dev.jp.runner.slugs.DynoDirectories;
import dev.jp.runner.slugs.SlugCache;
import dev.jp.runner.state.DynoStatePublisher;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Reconciles the slots this runner owns with the processes it runs. A slot without a process is
 * started, a process whose slot is gone is stopped, a changed slot is restarted; nothing else is
 * touched, so scaling one process type never disturbs another dyno.
 *
 * <p>All dyno state lives on one supervisor thread: requests from the Kafka consumer, process
 * exits and timers are all tasks on it, in order.
 */
public final class DynoSupervisor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynoSupervisor.class);

    private final ScheduledExecutorService supervisor;
    private final ExecutorService io;
    private final ProcessLauncher launcher;
    private final DynoDirectories directories;
    private final BindWatch binds;
    private final DynoRuntime runtime;
    /** By key {@code app/slot}; touched only on the supervisor thread. */
    private final Map<String, Dyno> dynos = new HashMap<>();
    private final List<CompletableFuture<Void>> drains = new ArrayList<>();

    /**
     * @param groups where the process groups of running dynos are recorded; what an earlier run of
     *     this runner left there is killed now, before any dyno starts
     */
    public DynoSupervisor(RunnerConfig config, String host, SlugCache slugs, DynoDirectories directories,
                          ProcessLauncher launcher, DynoStatePublisher publisher, DynoLog log, ExecutorService io,
                          Path groups) {
        this.supervisor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "jp-dyno-supervisor");
            thread.setDaemon(true);
            return thread;
        });
        this.io = io;
        this.launcher = launcher;
        this.directories = directories;
        RunnerConfig.Dynos timings = config.dynos();
        LeftoverDynos leftovers = new LeftoverDynos(groups, directories.root());
        int killed = leftovers.killAll();
        if (killed > 0) {
            LOG.infof("killed %d dyno process groups left by an earlier run", killed);
        }
        directories.deleteAll();
        this.binds = new BindWatch(timings.bindProbeInterval());
        // Copies made ahead wait for the forks and for the web dynos' boosted boots: a boot is on the clock (R10).
        directories.deferSparesWhile(() -> launcher.pending() + binds.watchingFor(DynoPriority.BOOT_BOOST));
        this.runtime = new DynoRuntime(supervisor, io, slugs, directories, launcher,
                new RendezvousDialer(config.runner().rendezvousCa(), config.runner().attachTimeout()),
                new PortPool(config.runner().firstPort()), binds, leftovers, new SpawnBudget(config.runner().spawnsPerSecond(), System::nanoTime),
                new RestartPolicy(timings.backoffInitial(), timings.backoffMax(), timings.backoffJitter(), timings.forgiveAfter()),
                publisher, log, timings, host, Clock.systemUTC(), () -> ThreadLocalRandom.current().nextDouble());
        long every = timings.statsInterval().toNanos();
        supervisor.scheduleWithFixedDelay(() -> run(this::sampleAll), every, every, TimeUnit.NANOSECONDS);
    }

    /** Measures every running dyno: the /proc walk happens off the supervisor thread. */
    private void sampleAll() {
        Map<Long, Dyno> byGroup = new HashMap<>();
        for (Dyno dyno : dynos.values()) {
            Long group = dyno.groupToSample();
            if (group != null) {
                byGroup.put(group, dyno);
            }
        }
        if (byGroup.isEmpty()) {
            return;
        }
        io.execute(() -> {
            Map<Long, ProcessTable.Usage> usage = ProcessTable.sample(byGroup.keySet());
            Instant at = runtime.clock().instant();
            run(() -> usage.forEach((group, use) -> byGroup.get(group).sampled(group, use, at)));
        });
    }

    /** A partition's slots, read in full: start what is missing, stop what is no longer there. */
    public void assigned(int partition, Map<String, DesiredDyno> slots) {
        run(() -> {
            slots.forEach((key, desired) -> apply(partition, key, desired));
            for (Dyno dyno : List.copyOf(dynos.values())) {
                if (dyno.partition() == partition && !slots.containsKey(dyno.key())) {
                    dyno.remove();
                }
            }
        });
    }

    /** One slot's record changed (a null record is a tombstone: the slot is gone). */
    public void changed(int partition, String key, DesiredDyno desired) {
        run(() -> apply(partition, key, desired));
    }

    /** The partitions are no longer this runner's (revoked or lost): stop their dynos. */
    public void released(Collection<Integer> partitions) {
        Set<Integer> gone = new HashSet<>(partitions);
        run(() -> {
            for (Dyno dyno : List.copyOf(dynos.values())) {
                if (gone.contains(dyno.partition())) {
                    dyno.remove();
                }
            }
        });
    }

    /** The dynos of this runner right now. */
    public List<DynoView> dynos() {
        try {
            return supervisor.submit(() -> dynos.values().stream().map(Dyno::view).toList()).get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("supervisor unresponsive", e);
        }
    }

    private void apply(int partition, String key, DesiredDyno desired) {
        Dyno dyno = dynos.get(key);
        if (desired == null) {
            if (dyno != null) {
                dyno.remove();
            }
        } else if (dyno == null) {
            Dyno started = new Dyno(runtime, this, partition, desired);
            dynos.put(key, started);
            started.start();
        } else {
            dyno.update(desired);
        }
    }

    /** A removed dyno has stopped: it is no longer this runner's. */
    void forget(Dyno dyno) {
        dynos.remove(dyno.key(), dyno);
        if (dynos.isEmpty()) {
            completeDrains();
        }
    }

    /** Stops every dyno (SIGTERM, grace, SIGKILL), waiting up to {@code timeout}, then ends the threads. */
    public void close(Duration timeout) {
        CompletableFuture<Void> drained = new CompletableFuture<>();
        run(() -> {
            drains.add(drained);
            if (dynos.isEmpty()) {
                completeDrains();
            }
            List.copyOf(dynos.values()).forEach(Dyno::remove);
        });
        try {
            drained.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.errorf("dynos still running after %s; the runner's exit kills them", timeout);
        }
        supervisor.shutdownNow();
        runtime.leftovers().close();
        binds.close();
        io.shutdownNow();
        directories.close();
        launcher.close();
    }

    private void completeDrains() {
        drains.forEach(drain -> drain.complete(null));
        drains.clear();
    }

    @Override
    public void close() {
        close(Duration.ofMinutes(1));
    }

    private void run(Runnable task) {
        supervisor.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("dyno supervisor task failed", e);
            }
        });
    }
}
