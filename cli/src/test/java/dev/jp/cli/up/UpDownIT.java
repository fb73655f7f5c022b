package dev.jp.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.cli.PackagedJp;
import java.io.IOException;
import java.io.Reader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the packaged {@code jp.jar} the way a user does: {@code jp up -d}, a SIGKILL of it, another
 * {@code jp up -d} on the same data directory, then {@code jp down}; nothing may be left running.
 * Ports are free ones, so a developer's own {@code jp up} is left alone.
 */
class UpDownIT {

    @TempDir
    Path home;

    private Path data;
    private Map<String, String> env;

    @AfterEach
    void stopWhateverIsLeft() throws Exception {
        if (data != null) {
            jp("down");
        }
    }

    @Test
    void up_detached_survives_a_sigkill_restart_and_down_leaves_nothing_running() throws Exception {
        data = home.resolve("data");
        Map<String, String> ports = PackagedJp.freePorts();
        ports.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env = Map.copyOf(ports);

        Result first = jp("up", "-d");
        assertThat(first.exitCode()).as(first.output()).isZero();
        assertThat(first.output()).contains("jp is up");
        Properties report = readyReport();
        assertThat(healthOf(report.getProperty("api"))).isEqualTo(200);
        assertThat(home.resolve("config/jp/config")).content().contains("api.token=" + report.getProperty("token"));
        List<ProcessHandle> firstChildren = processesOf(report);
        assertThat(firstChildren).hasSize(4).allMatch(ProcessHandle::isAlive);

        ProcessHandle.of(Long.parseLong(report.getProperty("pid"))).orElseThrow().destroyForcibly();
        await().atMost(Duration.ofSeconds(30)).until(() -> firstChildren.stream().noneMatch(ProcessHandle::isAlive));

        Result second = jp("up", "-d");
        assertThat(second.exitCode()).as(second.output()).isZero();
        List<ProcessHandle> secondChildren = processesOf(readyReport());
        assertThat(jp("up", "-d").output()).contains("already up");

        Result down = jp("down");
        assertThat(down.exitCode()).as(down.output()).isZero();
        assertThat(secondChildren).noneMatch(ProcessHandle::isAlive);
        assertThat(jp("down").output()).contains("not up");
    }

    private Properties readyReport() throws IOException {
        Properties report = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolve("up.ready"))) {
            report.load(reader);
        }
        return report;
    }

    /** The up process' children, from the {@code pids} line of its report: {kafka=1, router.1=2, ...}. */
    private static List<ProcessHandle> processesOf(Properties report) {
        String pids = report.getProperty("pids").replaceAll("[{}]", "");
        return Arrays.stream(pids.split(",\\s*"))
                .map(entry -> Long.parseLong(entry.substring(entry.indexOf('=') + 1)))
                .map(pid -> ProcessHandle.of(pid).orElseThrow())
                .toList();
    }

    private static int healthOf(String baseUrl) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(baseUrl + "/q/health/ready").toURL().openConnection();
        try {
            return connection.getResponseCode();
        } finally {
            connection.disconnect();
        }
    }

    private Result jp(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(PackagedJp.command(List.of(args)));
        command.addAll(List.of("--data", data.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(env);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("jp " + String.join(" ", args) + " did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }

    private record Result(int exitCode, String output) {
    }
}
