package dev.jp.cli.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The terminal jp runs in, through {@code stty} on {@code /dev/tty} (the JDK has no raw mode):
 * whether stdin is one, its size, and raw mode, so that keys such as Ctrl-C reach the remote
 * process as bytes instead of signalling jp.
 */
final class Terminal {

    private Terminal() {
    }

    /** {@code System.console()} speaks of stdin and stdout together; a run reads stdin. */
    static boolean stdinIsTerminal() {
        try {
            Process test = new ProcessBuilder("sh", "-c", "test -t 0").redirectInput(ProcessBuilder.Redirect.INHERIT).start();
            return test.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Columns and lines, from {@code stty size}; none for a terminal that does not know (0 0). */
    static Optional<int[]> size() {
        String[] rowsColumns = stty("size").orElse("").trim().split("\\s+");
        if (rowsColumns.length != 2) {
            return Optional.empty();
        }
        try {
            int[] size = {Integer.parseInt(rowsColumns[1]), Integer.parseInt(rowsColumns[0])};
            return size[0] > 0 && size[1] > 0 ? Optional.of(size) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    /**
     * Puts the terminal in raw mode without echo; the returned action restores it, once, and a
     * shutdown hook restores it too when jp ends any other way (SIGTERM, an error).
     */
    static Runnable raw() {
        Optional<String> saved = stty("-g");
        if (saved.isEmpty() || stty("raw -echo").isEmpty()) {
            return () -> { };
        }
        AtomicBoolean restored = new AtomicBoolean();
        Runnable restore = () -> {
            if (restored.compareAndSet(false, true)) {
                stty(saved.get().trim());
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(restore, "jp-terminal-restore"));
        return restore;
    }

    private static Optional<String> stty(String arguments) {
        try {
            Process stty = new ProcessBuilder("sh", "-c", "stty " + arguments + " < /dev/tty")
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(stty.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return stty.waitFor() == 0 ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
