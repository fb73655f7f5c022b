package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.localstack.testing.HerokuCli;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
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
        upEnv = PackagedJp.freePorts();
        upEnv.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        database = OwnDatabase.create().orElse(null);
        if (database != null) {
            upEnv.put("JP_DATABASE_URL", database.url());
        }
        String output = PackagedJp.run(upEnv, List.of("up", "-d", "--data", data.toString()));
        assertThat(output).contains("jp is up", "export NODE_EXTRA_CA_CERTS=" + data.resolve("rendezvous-ca.pem").toAbsolutePath());
        report = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolve("up.ready"))) {
            report.load(reader);
        }
    }

    @AfterAll
    void down() throws Exception {
        if (data != null) {
            PackagedJp.run(upEnv, List.of("down", "--data", data.toString()));
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

        Path appDir = PackagedJp.copy(Path.of("../examples/demo"), home.resolve("demo"));
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
}
