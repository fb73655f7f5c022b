package dev.jp.runner.output;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * Reads one of a dyno's output streams on a thread of its own until end of stream, line by line.
 * Blocking reads are the point: a pipe needs a reader, and a dyno must never stall on a full pipe
 * because the log shipper is slow (the shipper's {@code ship} never blocks).
 */
public final class OutputPump {

    private OutputPump() {
    }

    public static Thread start(String name, InputStream stream, Consumer<OutputLine> lines) {
        Thread pump = new Thread(() -> {
            LineSplitter splitter = new LineSplitter(lines);
            byte[] buffer = new byte[16 * 1024];
            try (stream) {
                int read;
                while ((read = stream.read(buffer)) > 0) {
                    splitter.accept(buffer, 0, read);
                }
            } catch (IOException closed) {
                // The process and every holder of the pipe are gone.
            } finally {
                splitter.finish();
            }
        }, name);
        pump.setDaemon(true);
        pump.start();
        return pump;
    }
}
