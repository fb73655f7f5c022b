package dev.jp.cli.up;

import dev.jp.localstack.process.PidFile;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running {@code jp up} leaves in its data directory: {@code up.pid} while it runs, and
 * {@code up.ready} (what to print, for {@code jp up -d}) once every service is healthy.
 */
final class UpState {

    /** Every jp up runs from the CLI's jar, so its command line names it; a recycled pid does not. */
    private static final String COMMAND_MARKER = "jp.jar";

    private final Path dataDir;
    private final PidFile pidFile;

    UpState(Path dataDir) {
        this.dataDir = dataDir;
        this.pidFile = new PidFile(dataDir.resolve("up.pid"), COMMAND_MARKER);
    }

    Optional<ProcessHandle> running() {
        return pidFile.liveProcess();
    }

    /** Claims the data directory for this process, forgetting what a killed one left behind. */
    void starting() {
        clear();
        pidFile.write(ProcessHandle.current().pid());
    }

    void ready(Properties report) {
        Path file = dataDir.resolve("up.ready");
        Path partial = dataDir.resolve("up.ready.tmp");
        try (Writer writer = Files.newBufferedWriter(partial)) {
            report.setProperty("pid", Long.toString(ProcessHandle.current().pid()));
            report.store(writer, "jp up is ready");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // Whole or absent: jp up -d polls for this file.
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The report of the jp up with this pid, once it is ready. */
    Optional<Properties> readyReport(long pid) {
        Path file = dataDir.resolve("up.ready");
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties report = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            report.load(reader);
        } catch (IOException e) {
            return Optional.empty();
        }
        return Long.toString(pid).equals(report.getProperty("pid")) ? Optional.of(report) : Optional.empty();
    }

    void clear() {
        pidFile.delete();
        try {
            Files.deleteIfExists(dataDir.resolve("up.ready"));
        } catch (IOException e) {
            // A stale report names another pid and is ignored.
        }
    }

    Path log() {
        return dataDir.resolve("up.log");
    }
}
