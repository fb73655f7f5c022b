package dev.jp.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may read of the world it runs in: the environment, the working directory, where
 * to print and (for {@code jp run}) what to read. Passed in rather than read from System so tests
 * can run commands in-process.
 */
public record Context(Map<String, String> env, Path cwd, PrintStream out, PrintStream err, boolean tty, InputStream in) {

    /** A context with nothing to read on stdin. */
    public Context(Map<String, String> env, Path cwd, PrintStream out, PrintStream err, boolean tty) {
        this(env, cwd, out, err, tty, InputStream.nullInputStream());
    }

    public static Context system() {
        return new Context(System.getenv(), Path.of("").toAbsolutePath(), System.out, System.err, System.console() != null, System.in);
    }

    /** Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org). */
    public boolean colour() {
        return tty && env.get("NO_COLOR") == null;
    }

    public String env(String name) {
        String value = env.get(name);
        return value == null || value.isBlank() ? null : value;
    }
}
