package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.localstack.process.FreePort;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/** The packaged {@code target/jp.jar} as the end-to-end tests run it: on free ports, as a user would. */
public final class PackagedJp {

    private PackagedJp() {
    }

    /** {@code jp up}'s ports, each a free one, so a test's platform never meets another's or a developer's. */
    public static Map<String, String> freePorts() {
        Map<String, String> env = new HashMap<>();
        for (String port : List.of("JP_KAFKA_PORT", "JP_KAFKA_CONTROLLER_PORT", "JP_API_PORT", "JP_LOG_ROUTER_PORT",
                "JP_RUNNER_PORT", "JP_RENDEZVOUS_PORT")) {
            env.put(port, Integer.toString(FreePort.pick()));
        }
        return env;
    }

    /** {@code java -jar target/jp.jar ARGS} on this test's JDK. */
    public static List<String> command(List<String> args) {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", Path.of("target/jp.jar").toAbsolutePath().toString()));
        command.addAll(args);
        return command;
    }

    /** Runs jp to its end (at most 5 minutes), asserts it succeeded, and returns what it printed. */
    public static String run(Map<String, String> env, List<String> args) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command(args)).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("jp " + String.join(" ", args) + " did not finish: " + output);
        }
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    /** Copies an app directory (such as examples/demo) to where a test deploys it from. */
    public static Path copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.toList()) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        return to;
    }
}
