package dev.jp.localstack.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The official Heroku CLI (npm {@code heroku}, 11.x) pointed at a jp API, as shared/HEROKU-API.md
 * describes, for the tests of every module that check jp against it; installed once into
 * {@code ~/.cache/jp-test}. Missing node or npm skips the test with a message saying so.
 */
public final class HerokuCli {

    private static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "jp-test", "heroku-cli-11");
    private static final Path BIN = CACHE.resolve("node_modules/.bin/heroku");

    /** A command's exit code and everything it printed (stdout and stderr). */
    public record Result(int exitCode, String output) {
    }

    private final Map<String, String> env;

    public HerokuCli(String apiUrl, String token, Path home) throws IOException {
        this(apiUrl, token, home, Map.of());
    }

    /** With more environment, such as {@code NODE_EXTRA_CA_CERTS} for {@code heroku run}. */
    public HerokuCli(String apiUrl, String token, Path home, Map<String, String> more) throws IOException {
        Files.createDirectories(home);
        this.env = new HashMap<>(more);
        this.env.putAll(Map.of(
                "HEROKU_HOST", apiUrl,
                "HEROKU_PARTICLEBOARD_URL", apiUrl,
                "HEROKU_API_KEY", token,
                "HOME", home.toString(),
                "DISABLE_TELEMETRY", "true",
                "HEROKU_SKIP_NEW_VERSION_CHECK", "true",
                "HEROKU_DISABLE_AUTOUPDATE", "true",
                "NO_COLOR", "1"));
    }

    public static void install() throws IOException, InterruptedException {
        Assumptions.assumeTrue(onPath("node") && onPath("npm"),
                "node and npm are not installed: the official Heroku CLI cannot run here, so this test is skipped");
        if (Files.isExecutable(BIN)) {
            return;
        }
        Files.createDirectories(CACHE);
        Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "heroku@11")
                .directory(CACHE.toFile()).redirectErrorStream(true).start();
        String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.isExecutable(BIN)) {
            throw new IllegalStateException("npm install heroku@11 failed: " + output);
        }
    }

    /** Runs a command to its end (at most 2 minutes). */
    public Result run(String... args) throws IOException, InterruptedException {
        Process process = start(args);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("heroku " + String.join(" ", args) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    /** Starts a command (stdout and stderr together); the caller reads it and stops it by its pid. */
    public Process start(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(BIN.toString()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(env);
        return builder.start();
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Arrays.stream(path.split(":")).anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }
}
