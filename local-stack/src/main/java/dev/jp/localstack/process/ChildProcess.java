package dev.jp.localstack.process;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A running child of the local stack (the broker, a private PostgreSQL, a service).
 *
 * <p>No orphans, even when this JVM is killed with SIGKILL: each child is started under
 * {@code setpriv --pdeathsig}, so the kernel signals it when its parent dies, and its pid is kept
 * in a pid file that the next start checks. The parent-death signal fires when the <em>thread</em>
 * that forked the child ends, so every child is forked from one thread that lives as long as the
 * JVM.
 */
public final class ChildProcess {

    private static final Path SETPRIV = Path.of("/usr/bin/setpriv");
    private static final Path SETSID = Path.of("/usr/bin/setsid");

    /** The one long-lived thread that forks every child; see the class comment. */
    private static final ExecutorService FORKER = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "jp-child-forker");
        thread.setDaemon(true);
        return thread;
    });

    private final ChildSpec spec;
    private final Process process;

    private ChildProcess(ChildSpec spec, Process process) {
        this.spec = spec;
        this.process = process;
    }

    /** Starts the child after stopping a leftover of an earlier run, and forwards its output. */
    public static ChildProcess start(ChildSpec spec, OutputSink output) {
        spec.pidFile().stopLeftover(Duration.ofSeconds(10));
        ProcessBuilder builder = new ProcessBuilder(wrapped(spec))
                .directory(spec.directory().toFile())
                .redirectErrorStream(true);
        builder.environment().putAll(spec.environment());
        Process process = fork(builder, spec.name());
        spec.pidFile().write(process.pid());
        ChildProcess child = new ChildProcess(spec, process);
        child.forwardOutput(output);
        return child;
    }

    /** Runs a command to completion (a setup step such as formatting storage); fails on a non-zero exit. */
    public static void runToCompletion(ChildSpec spec, OutputSink output, Duration timeout) {
        ChildProcess child = start(spec, output);
        try {
            if (!child.process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                child.stop(Duration.ofSeconds(5));
                throw new IllegalStateException(spec.name() + " did not finish within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            child.stop(Duration.ofSeconds(5));
            throw new IllegalStateException("interrupted while waiting for " + spec.name(), e);
        }
        spec.pidFile().delete();
        if (child.process.exitValue() != 0) {
            throw new IllegalStateException(spec.name() + " failed with exit status " + child.process.exitValue());
        }
    }

    private static List<String> wrapped(ChildSpec spec) {
        if (!Files.isExecutable(SETPRIV)) {
            if (spec.runAsUser() != null) {
                throw new IllegalStateException("running " + spec.name() + " as " + spec.runAsUser() + " needs " + SETPRIV);
            }
            return spec.command();
        }
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            // A session of its own: Ctrl-C at a terminal reaches only the parent, which then stops
            // the children in order, instead of every child at once.
            command.add(SETSID.toString());
        }
        command.add(SETPRIV.toString());
        if (spec.runAsUser() != null) {
            command.addAll(List.of("--reuid=" + spec.runAsUser(), "--regid=" + spec.runAsUser(), "--init-groups"));
        }
        command.addAll(List.of("--pdeathsig", spec.deathSignal(), "--"));
        command.addAll(spec.command());
        return command;
    }

    private static Process fork(ProcessBuilder builder, String name) {
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    return builder.start();
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
                }
            }, FORKER).get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + name, e);
        }
    }

    private void forwardOutput(OutputSink output) {
        Thread pump = new Thread(() -> {
            try (BufferedReader reader = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = reader.readLine()) != null) {
                    output.line(spec.name(), line);
                }
            } catch (IOException closedWithTheProcess) {
                // The child is gone; nothing more to forward.
            }
        }, "jp-output-" + spec.name());
        pump.setDaemon(true);
        pump.start();
    }

    public String name() {
        return spec.name();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** SIGTERM, wait up to {@code grace}, then SIGKILL; returns once the child is gone. */
    public void stop(Duration grace) {
        if (process.isAlive()) {
            PidFile.terminate(process.toHandle(), grace);
        }
        spec.pidFile().delete();
    }
}
