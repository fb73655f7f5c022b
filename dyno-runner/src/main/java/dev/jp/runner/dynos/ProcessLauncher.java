package dev.jp.runner.dynos;

import dev.jp.runner.slugs.DynoDirectories;
import dev.jp.runner.slugs.DynoUser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Forks dyno processes: {@code setsid setpriv [--reuid --regid --clear-groups] --pdeathsig KILL --
 * /bin/sh -c <command>}, in the dyno's directory, with exactly the environment given (never the
 * runner's own); once a dyno is up, {@link #yieldCpu} lowers its CPU priority below the
 * platform's services ({@link DynoPriority}).
 *
 * <p>{@code setsid} makes the shell a session and process group leader (its pid is the group id),
 * so a stop signals every process of the dyno at once. The parent-death signal kills the shell
 * when the runner dies; it is tied to the <em>thread</em> that forked, so every dyno is forked
 * from the few threads this launcher keeps until it is closed, after the dynos are stopped. There
 * are {@value #FORKERS_PER_CORE} per core: a fork mostly waits (for the JDK's helper process to be
 * scheduled, to read its orders and to exec), so a hundred dynos start faster several at a time
 * than one after the other; with one per core, a scale-up's forks waited p50 1.5 s in the queue.
 */
public final class ProcessLauncher implements AutoCloseable {

    private static final String SETSID = "/usr/bin/setsid";
    private static final String SETPRIV = "/usr/bin/setpriv";

    static final int FORKERS_PER_CORE = 4;

    private final Optional<DynoUser> user;
    private final DynoPriority priority;
    private final BlockingQueue<Runnable> forks = new LinkedBlockingQueue<>();
    /** Forks asked for and not yet returned. */
    private final AtomicInteger pending = new AtomicInteger();
    private final List<Thread> forkers = new ArrayList<>();

    /** Dynos at the runner's own priority. */
    public ProcessLauncher(Optional<DynoUser> user) {
        this(user, DynoPriority.unchanged());
    }

    public ProcessLauncher(Optional<DynoUser> user, DynoPriority priority) {
        for (String tool : List.of(SETSID, SETPRIV)) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new IllegalStateException("dyno-runner needs " + tool + " (util-linux)");
            }
        }
        this.user = user;
        this.priority = priority;
        for (int i = 1; i <= FORKERS_PER_CORE * Runtime.getRuntime().availableProcessors(); i++) {
            Thread forker = new Thread(this::forkLoop, "jp-dyno-forker-" + i);
            forker.setDaemon(true);
            forker.start();
            forkers.add(forker);
        }
    }

    /** Starts {@code /bin/sh -c command}; returns once the process exists. */
    public Process launch(String command, Path directory, Map<String, String> environment) throws IOException {
        return fork(builder(command, directory, environment)::start);
    }

    /**
     * Starts a process some other way (on a pseudo-terminal, say) on a forking thread, so its
     * parent-death signal outlives the caller's thread; {@code start} should run {@link #unprivileged}.
     */
    public Process fork(java.util.concurrent.Callable<Process> start) throws IOException {
        FutureTask<Process> fork = new FutureTask<>(start);
        forks.add(fork);
        try {
            return fork.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("cannot start dyno", e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while starting a dyno", e);
        }
    }

    /**
     * Starts {@code /bin/sh -c command} with its stderr on the same pipe as its stdout (an attached
     * one-off without a terminal: the user sees both, in the order written); returns once it exists.
     */
    public Process launchMergingOutput(String command, Path directory, Map<String, String> environment) throws IOException {
        return fork(builder(command, directory, environment).redirectErrorStream(true)::start);
    }

    /**
     * Starts {@code /bin/sh -c command} without waiting: the future completes on a forking thread
     * once the process exists (or with the failure to start it).
     */
    public CompletableFuture<Process> launchAsync(String command, Path directory, Map<String, String> environment) {
        CompletableFuture<Process> started = new CompletableFuture<>();
        ProcessBuilder builder;
        try {
            builder = builder(command, directory, environment);
        } catch (IOException e) {
            started.completeExceptionally(e);
            return started;
        }
        pending.incrementAndGet();
        forks.add(() -> {
            try {
                started.complete(builder.start());
            } catch (Throwable e) { // even an Error: the thread must live on, or its dynos die with it
                started.completeExceptionally(e);
            } finally {
                pending.decrementAndGet();
            }
        });
        return started;
    }

    /** The dyno that {@code leader} started is up: it yields the CPU to the platform from now on. */
    public void yieldCpu(long leader) {
        priority.yieldCpu(leader);
    }

    /** How many starts are asked for and not yet forked: work that spare copies should not compete with. */
    public int pending() {
        return pending.get();
    }

    private ProcessBuilder builder(String command, Path directory, Map<String, String> environment) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(commandLine(command, directory)).directory(directory.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    List<String> commandLine(String command, Path directory) throws IOException {
        List<String> line = new ArrayList<>(List.of(SETSID));
        line.addAll(unprivileged(command, directory));
        return line;
    }

    /**
     * {@code setpriv [--reuid --regid --clear-groups] --pdeathsig KILL -- /bin/sh -c command},
     * without a new session (the caller makes one first). Each dyno runs as the owner of its
     * directory: a uid of its own (see DynoDirectories).
     */
    public List<String> unprivileged(String command, Path directory) throws IOException {
        List<String> line = new ArrayList<>(List.of(SETPRIV));
        if (user.isPresent()) {
            line.addAll(List.of("--reuid=" + DynoDirectories.uidOf(directory), "--regid=" + user.get().gid(), "--clear-groups"));
        }
        line.addAll(List.of("--pdeathsig", "KILL", "--"));
        line.addAll(List.of("/bin/sh", "-c", command));
        return line;
    }

    private void forkLoop() {
        while (true) {
            try {
                forks.take().run(); // every task keeps its own failure: this thread must never die early
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** Ends the forking threads, which kills any dyno still running: call after stopping them. */
    @Override
    public void close() {
        forkers.forEach(Thread::interrupt);
        priority.close();
    }
}
