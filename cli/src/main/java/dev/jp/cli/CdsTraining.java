package dev.jp.cli;

import com.sun.net.httpserver.HttpServer;
import dev.jp.cli.config.CliConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The training run for {@code ./jp}'s class-data-sharing archive: the JVM records the classes it
 * loads here ({@code -XX:DumpLoadedClassList}) and {@code ./jp} archives them. Loading a command's
 * classes from the archive instead of parsing them (and verifying picocli's Java 5 classes with
 * the old verifier) took about a fifth off {@code jp ps}'s CPU time, so the run covers what a
 * command uses end to end: every command's help, and {@code ps} and an API error answered by a
 * canned API on a loopback port.
 */
public final class CdsTraining {

    private static final String DYNOS = """
            [{"name":"web.1","type":"web","command":"java Web.java","state":"up","size":"Standard-1X",
              "release":{"id":"r","version":1},"app":{"id":"a","name":"training"},
              "created_at":"2026-01-01T00:00:00.000000Z","updated_at":"2026-01-01T00:00:01.000000Z",
              "host":"h","restart_count":0,"next_restart_at":null,"exit_status":null,"signal":null,"error":null,
              "cpu_percent":0.1,"memory_rss_mb":89.6}]""";

    private CdsTraining() {
    }

    public static void main(String[] args) throws IOException, ClassNotFoundException {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            boolean dynos = exchange.getRequestURI().getPath().equals("/apps/training/dynos");
            byte[] body = (dynos ? DYNOS : "{\"id\":\"not_found\",\"message\":\"Couldn't find that app.\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(dynos ? 200 : 404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        api.start();
        try {
            // Through a config file, as jp up leaves it, rather than JP_API_URL: that is the usual path.
            Path home = Files.createTempDirectory("jp-cds-training");
            Map<String, String> env = Map.of("XDG_CONFIG_HOME", home.toString());
            new CliConfig("http://127.0.0.1:" + api.getAddress().getPort(), "training").save(env);
            PrintStream discard = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
            Context context = new Context(env, Path.of("").toAbsolutePath(), discard, discard, false);
            // The jar's entry point is archived too, though training enters through Main.run.
            Class.forName(Start.class.getName());
            expect(0, Main.run(context, "--help"), "--help");
            expect(0, Main.run(context, "ps", "-a", "training"), "ps");
            expect(ExitCodes.NOT_FOUND, Main.run(context, "ps", "-a", "unknown"), "ps of an unknown app");
            Files.delete(CliConfig.file(env));
            Files.delete(CliConfig.file(env).getParent());
            Files.delete(home);
        } finally {
            api.stop(0);
        }
    }

    /** A run that went another way than a real one would trains the archive on the wrong classes. */
    private static void expect(int expected, int exitCode, String what) {
        if (exitCode != expected) {
            throw new IllegalStateException("the training run of jp " + what + " exited " + exitCode + ", not " + expected);
        }
    }
}
