package dev.jp.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Runs jp command lines in-process with a given environment and directory, capturing stdout and stderr. */
public final class Jp {

    private final Map<String, String> env;
    private final Path cwd;

    public Jp(Map<String, String> env, Path cwd) {
        this.env = Map.copyOf(env);
        this.cwd = cwd;
    }

    public Jp with(String name, String value) {
        Map<String, String> changed = new HashMap<>(env);
        changed.put(name, value);
        return new Jp(changed, cwd);
    }

    public Jp in(Path dir) {
        return new Jp(env, dir);
    }

    public Result run(String... args) {
        return runWithInput(new byte[0], args);
    }

    /** With these bytes on stdin, as a pipe gives them. */
    public Result runWithInput(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8); PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8)) {
            code = Main.run(new Context(env, cwd, o, e, false, new ByteArrayInputStream(stdin)), args);
        }
        return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What a command left behind: its exit code, stdout and stderr. */
    public record Result(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
