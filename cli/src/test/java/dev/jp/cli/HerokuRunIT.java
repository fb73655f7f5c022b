package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.localstack.testing.HerokuCli;
import dev.jp.localstack.process.FreePort;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code heroku run} end to end: the whole platform from the packaged {@code jp up -d} on free
 * ports, the official Heroku CLI trusting the rendezvous certificate {@code jp up} names, and a
 * real runner running the command on a pseudo-terminal. Skipped only where node is missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HerokuRunIT {

    private Path home;
    private Path data;
    private Map<String, String> upEnv;
    private Properties report;
    private OwnDatabase database;

    @BeforeAll
    void up() throws Exception {
        HerokuCli.install();
        home = Files.createTempDirectory("jp-heroku-run");
        data = home.resolve("data");
        upEnv = new HashMap<>(Map.of(
                "JP_KAFKA_PORT", Integer.toString(FreePort.pick()),
                "JP_KAFKA_CONTROLLER_PORT", Integer.toString(FreePort.pick()),
                "JP_API_PORT", Integer.toString(FreePort.pick()),
                "JP_LOG_ROUTER_PORT", Integer.toString(FreePort.pick()),
                "JP_RUNNER_PORT", Integer.toString(FreePort.pick()),
                "JP_RENDEZVOUS_PORT", Integer.toString(FreePort.pick()),
                "XDG_CONFIG_HOME", home.resolve("config").toString()));
        database = OwnDatabase.create().orElse(null);
        if (database != null) {
            upEnv.put("JP_DATABASE_URL", database.url());
        }
        String output = jar(List.of("up", "-d", "--data", data.toString()));
        assertThat(output).contains("jp is up", "export NODE_EXTRA_CA_CERTS=" + data.resolve("rendezvous-ca.pem").toAbsolutePath());
        report = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolve("up.ready"))) {
            report.load(reader);
        }
    }

    @AfterAll
    void down() throws Exception {
        if (data != null) {
            jar(List.of("down", "--data", data.toString()));
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    void heroku_run_prints_the_output_of_the_dyno_and_exits_with_its_status() throws Exception {
        Path ca = Path.of(report.getProperty("rendezvous.ca"));
        assertThat(ca).isRegularFile().content().startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(home.resolve("config/jp/config")).content().contains("rendezvous.ca=" + ca);

        Path appDir = copy(Path.of("../examples/demo"), home.resolve("demo"));
        Jp jp = new Jp(Map.of("JP_API_URL", report.getProperty("api"), "JP_API_KEY", report.getProperty("token"),
                "XDG_CONFIG_HOME", home.resolve("cli-config").toString()), appDir);
        String[] app = new String[1];
        // The first writes after a start may outlast the API's write timeout while its projector joins the topic.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String name = "run-" + UUID.randomUUID().toString().substring(0, 8);
            app[0] = name;
            return jp.run("apps:create", name).exitCode() == 0;
        });
        Jp.Result deployed = jp.run("deploy");
        assertThat(deployed.exitCode()).as(deployed.toString()).isZero();

        HerokuCli heroku = new HerokuCli(report.getProperty("api"), report.getProperty("token"), home.resolve("heroku-home"),
                Map.of("NODE_EXTRA_CA_CERTS", ca.toString()));
        HerokuCli.Result run = heroku.run("run", "-a", app[0], "--", "sh", "-c", "echo hello; exit 3");
        String output = run.output();

        assertThat(output).contains("hello").doesNotContain("heroku-command-exit-status");
        assertThat(run.exitCode()).as(output).isEqualTo(3);
    }

    private String jar(List<String> args) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-jar", Path.of("target/jp.jar").toAbsolutePath().toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(upEnv);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("jp " + String.join(" ", args) + " did not finish: " + output);
        }
        assertThat(process.exitValue()).as(output).isZero();
        return output;
    }

    private static Path copy(Path from, Path to) throws IOException {
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
