package dev.jp.localstack.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/** Appends child output to one file per source, so a test run's console stays readable. */
public final class LogFileSink implements OutputSink {

    private final Path directory;

    public LogFileSink(Path directory) {
        this.directory = directory;
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public synchronized void line(String source, String line) {
        try (Writer writer = Files.newBufferedWriter(fileOf(source), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            writer.write(line);
            writer.write('\n');
        } catch (IOException e) {
            // A full disk must not take the stack down with it; the line is lost, the child goes on.
        }
    }

    public Path fileOf(String source) {
        return directory.resolve(source + ".log");
    }
}
