package dev.jp.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The pid of a child, kept on disk so that the next start can clean up after a parent that was
 * killed outright. A recorded pid counts only while its command line still names the marker
 * (the child's data directory), so a recycled pid is never killed.
 */
public final class PidFile {

    private final Path path;
    private final String marker;

    public PidFile(Path path, String marker) {
        this.path = path;
        this.marker = marker;
    }

    public void write(long pid) {
        try {
            Files.createDirectories(path.getParent());
            Files.writeString(path, Long.toString(pid));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            // Harmless: the next start checks that the pid still belongs to us before acting on it.
        }
    }

    /** The recorded process, if it is still alive and still ours. */
    public Optional<ProcessHandle> liveProcess() {
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(path).trim());
            return ProcessHandle.of(pid)
                    .filter(ProcessHandle::isAlive)
                    .filter(p -> p.info().commandLine().map(c -> c.contains(marker)).orElse(false));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops a leftover from an earlier run (SIGTERM, then SIGKILL) and forgets it. */
    public void stopLeftover(Duration grace) {
        liveProcess().ifPresent(process -> terminate(process, grace));
        delete();
    }

    static void terminate(ProcessHandle process, Duration grace) {
        process.destroy();
        try {
            process.onExit().get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception timedOutOrInterrupted) {
            process.destroyForcibly();
            process.onExit().orTimeout(10, TimeUnit.SECONDS).exceptionally(e -> null).join();
        }
    }
}
