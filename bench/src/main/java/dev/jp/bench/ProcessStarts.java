package dev.jp.bench;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The machine's own limit for starting a process: the JDK's {@code ProcessBuilder}, start → pid. */
final class ProcessStarts {

    private ProcessStarts() {
    }

    /** Starts {@code /bin/sh -c command}, returns the nanoseconds until it existed, and kills it. */
    static long startToPid(String command) throws IOException, InterruptedException {
        long began = System.nanoTime();
        Process process = new ProcessBuilder("/bin/sh", "-c", command).start();
        process.pid();
        long took = System.nanoTime() - began;
        process.destroyForcibly();
        process.waitFor();
        return took;
    }

    /**
     * Starts {@code /bin/sh -c command} once per environment, one after the other, and returns the
     * nanoseconds they took together; then kills them all.
     */
    static long sequentialStarts(String command, List<Map<String, String>> environments) throws IOException, InterruptedException {
        List<Process> started = new ArrayList<>();
        try {
            long began = System.nanoTime();
            for (Map<String, String> environment : environments) {
                ProcessBuilder builder = new ProcessBuilder("/bin/sh", "-c", command);
                builder.environment().putAll(environment);
                started.add(builder.start());
            }
            return System.nanoTime() - began;
        } finally {
            for (Process process : started) {
                process.destroyForcibly();
                process.waitFor();
            }
        }
    }
}
