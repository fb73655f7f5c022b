package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.localstack.process.FreePort;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The README's tour against the whole platform, started once with the packaged {@code jp up -d}
 * on free ports; then each command's error paths (unknown app, unknown type, bad token, API
 * unreachable) against the same platform. Commands run in-process through {@link Main#run}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TourIT {

    private Path home;
    private Path data;
    private Path appDir;
    private Map<String, String> upEnv;
    private Jp jp;
    private String api;
    private String token;
    /** The platform's PostgreSQL may be shared with other stacks, so the app gets a name of its own. */
    private final String app = "demo-" + UUID.randomUUID().toString().substring(0, 6);
    private Instant beforeConfigChange;
    private OwnDatabase database;

    @BeforeAll
    void up() throws Exception {
        home = Files.createTempDirectory("jp-tour");
        data = home.resolve("data");
        upEnv = PackagedJp.freePorts();
        upEnv.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        database = OwnDatabase.create().orElse(null);
        if (database != null) {
            upEnv.put("JP_DATABASE_URL", database.url());
        }
        String output = PackagedJp.run(upEnv, List.of("up", "-d", "--data", data.toString()));
        assertThat(output).contains("jp is up");
        Properties report = new Properties();
        try (Reader reader = Files.newBufferedReader(data.resolve("up.ready"))) {
            report.load(reader);
        }
        api = report.getProperty("api");
        token = report.getProperty("token");
        appDir = PackagedJp.copy(Path.of("../examples/demo"), home.resolve("demo"));
        jp = new Jp(Map.of("JP_API_URL", api, "JP_API_KEY", token, "XDG_CONFIG_HOME", home.resolve("cli-config").toString(),
                "JP_RENDEZVOUS_CA", report.getProperty("rendezvous.ca")), appDir);
        warmUp();
    }

    /**
     * The first writes after a start can outlast the API's write timeout while its projector joins
     * the topic (503, "recorded but not yet applied"); the tour starts once a write goes through.
     */
    private void warmUp() {
        String probe = newApp("warm-");
        ok(jp.run("apps:destroy", probe, "--confirm", probe));
    }

    /**
     * An app under a fresh name, asked again under another name while the API answers 503: a
     * retry under the same name could find it taken by the first attempt, applied late.
     */
    private String newApp(String prefix) {
        String[] created = new String[1];
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
            String name = prefix + UUID.randomUUID().toString().substring(0, 8);
            if (jp.in(home).run("apps:create", name).exitCode() != 0) {
                return false;
            }
            created[0] = name;
            return true;
        });
        return created[0];
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
    @Order(1)
    void create_writes_the_jp_file_in_the_app_directory() {
        Jp.Result created = ok(jp.run("apps:create", app));
        assertThat(created.out()).isEqualTo("http://" + app + ".jp.local/\n");
        assertThat(created.err()).contains("Creating " + app + "... done");
        assertThat(appDir.resolve(".jp")).content().contains("app=" + app);
        assertThat(ok(jp.run("apps")).out()).contains("=== ", " Apps\n", app + "\n");
        assertThat(ok(jp.run("apps:info")).out()).contains("=== " + app, "Owner:", "Web URL:  http://" + app + ".jp.local/");
    }

    @Test
    @Order(2)
    void deploy_packs_uploads_and_releases() {
        Jp.Result deployed = ok(jp.run("deploy"));
        assertThat(deployed.err()).contains("Packing demo... done", "Uploading slug... done",
                "Procfile declares types -> web, worker, clock, crasher");
        assertThat(deployed.out()).isEqualTo("Released v1\n");
    }

    @Test
    @Order(3)
    void scale_then_ps_shows_the_dynos_up() {
        Jp.Result scaled = ok(jp.run("ps:scale", "web=2", "worker=1"));
        assertThat(scaled.err()).contains("Scaling dynos... done, now running web at 2:Standard-1X, worker at 1:Standard-1X");
        Jp.Result waited = ok(jp.run("ps:wait", "--timeout", "120", "--wait-interval", "0.5"));
        assertThat(waited.err()).contains("Waiting for every dyno to be running v1", "(3 of 3 up)", "done");
        Jp.Result ps = ok(jp.run("ps"));
        assertThat(ps.out()).contains("=== web (Standard-1X): java Web.java (2)", "=== worker (Standard-1X): java Worker.java (1)")
                .containsPattern("web\\.1: up \\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d \\(~ \\d+[smh] ago\\)  \\[(cpu \\d+\\.\\d%, mem \\d+ MB, )?v1, host ")
                .containsPattern("web\\.2: up ").containsPattern("worker\\.1: up ");
        assertThat(ok(jp.run("ps", "worker")).out()).contains("worker.1").doesNotContain("web.1");
        assertThat(ok(jp.run("ps", "--json")).out()).startsWith("[").contains("\"name\": \"web.1\"");
        assertThat(ok(jp.run("ps:scale")).out()).contains("web=2:Standard-1X", "worker=1:Standard-1X", "clock=0:Standard-1X");
    }

    @Test
    @Order(4)
    void logs_show_the_workers_lines() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(ok(jp.run("logs", "-n", "50", "-p", "worker")).out()).contains("app[worker.1]: worker tick"));
        Jp.Result platformOnly = ok(jp.run("logs", "-n", "200", "-s", "heroku"));
        assertThat(platformOnly.out()).contains("heroku[").doesNotContain("app[worker.1]");
        assertThat(platformOnly.out()).doesNotContain("\u001b[");
    }

    @Test
    @Order(5)
    void logs_tail_follows_new_lines_from_the_packaged_jar() throws Exception {
        List<String> command = PackagedJp.command(List.of("logs", "--tail", "-n", "0", "-p", "worker.1"));
        ProcessBuilder builder = new ProcessBuilder(command).directory(appDir.toFile());
        builder.environment().putAll(Map.of("JP_API_URL", api, "JP_API_KEY", token));
        Process tail = builder.start();
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8))) {
                out.lines().forEach(lines::add);
            } catch (IOException e) {
                // the process was stopped
            }
        });
        reader.setDaemon(true);
        reader.start();
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> lines.stream().filter(l -> l.contains("worker tick")).count() >= 3);
            assertThat(tail.isAlive()).isTrue();
        } finally {
            tail.destroy();
            tail.waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    @Order(6)
    void run_detached_starts_a_one_off_whose_output_is_in_the_logs() {
        Jp.Result run = ok(jp.run("run:detached", "echo", "hello", "from", "run"));
        assertThat(run.out()).matches("run\\.\\d+\n");
        String dyno = run.out().strip();
        assertThat(run.err()).contains("Running echo hello from run on " + app + "... done, " + dyno,
                "jp logs -a " + app + " -p " + dyno);
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
                assertThat(ok(jp.run("logs", "-p", dyno)).out()).contains("app[" + dyno + "]: hello from run"));
    }

    @Test
    @Order(6)
    void run_attaches_to_a_one_off_on_a_terminal_and_exits_with_its_status() {
        Jp.Result run = jp.runWithInput("echo typed-in\nexit 3\n".getBytes(StandardCharsets.UTF_8), "run", "sh");
        assertThat(run.exitCode()).as(run.toString()).isEqualTo(3);
        assertThat(run.out()).contains("typed-in").doesNotContain("heroku-command-exit-status");
    }

    @Test
    @Order(7)
    void config_set_get_unset_each_make_a_release() {
        beforeConfigChange = Instant.now();
        Jp.Result set = ok(jp.run("config:set", "GREETING=Hi there", "EXTRA=1"));
        assertThat(set.err()).contains("Setting GREETING, EXTRA and restarting " + app + "... done, v2");
        assertThat(set.out()).contains("GREETING: Hi there", "EXTRA:    1");
        assertThat(ok(jp.run("config:get", "GREETING")).out()).isEqualTo("Hi there\n");
        assertThat(ok(jp.run("config:unset", "EXTRA")).err()).contains("Unsetting EXTRA and restarting " + app + "... done, v3");
        assertThat(ok(jp.run("config")).out()).contains("=== " + app + " Config Vars", "GREETING: Hi there").doesNotContain("EXTRA");
        assertThat(ok(jp.run("config", "--json")).out()).contains("\"GREETING\": \"Hi there\"");
        assertThat(ok(jp.run("config", "--shell")).out()).contains("GREETING=Hi there");
        Jp.Result missing = jp.run("config:get", "EXTRA");
        assertThat(missing.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(missing.out()).isEmpty();
    }

    @Test
    @Order(8)
    void releases_list_and_info() {
        Jp.Result releases = ok(jp.run("releases"));
        assertThat(releases.out()).startsWith("=== " + app + " Releases - Current: v3")
                .containsPattern("v3  Remove EXTRA config vars +\\S+@\\S+ +\\d{4}/")
                .contains("v2  Set ", "v1  Deploy ");
        assertThat(ok(jp.run("releases", "-n", "1")).out()).contains("v3").doesNotContain("v2  ");
        assertThat(ok(jp.run("releases:info", "v2")).out()).contains("=== Release v2", "Current: no", "EXTRA:");
        assertThat(ok(jp.run("releases:info")).out()).contains("=== Release v3", "Current: yes", "GREETING: Hi there");
    }

    @Test
    @Order(9)
    void rollback_goes_to_the_previous_release_by_default() {
        Jp.Result rolled = ok(jp.run("releases:rollback"));
        assertThat(rolled.err()).contains("Rolling back " + app + " to v2... done, v4");
        assertThat(rolled.out()).isEqualTo("Released v4: Rollback to v2\n");
        assertThat(ok(jp.run("config:get", "EXTRA")).out()).isEqualTo("1\n");
        assertThat(ok(jp.run("releases:rollback", "v1")).out()).isEqualTo("Released v5: Rollback to v1\n");
    }

    @Test
    @Order(10)
    void restart_and_stop_dynos() {
        assertThat(ok(jp.run("ps:restart", "web.1")).err()).contains("Restarting web.1 dyno on " + app + "... done");
        assertThat(ok(jp.run("ps:restart", "-p", "worker")).err()).contains("Restarting worker dynos on " + app + "... done");
        assertThat(ok(jp.run("ps:stop", "web.2")).err()).contains("Stopping web.2 dyno on " + app + "... done");
        assertThat(ok(jp.run("ps:restart")).err()).contains("Restarting all dynos on " + app + "... done");
        ok(jp.run("ps:wait", "--timeout", "120", "--wait-interval", "0.5"));
    }

    @Test
    @Order(11)
    void drains_add_list_remove() {
        String url = "syslog+tls://logs.example.com:6514";
        assertThat(ok(jp.run("drains:add", url)).out()).startsWith("Successfully added drain " + url + " (");
        assertThat(ok(jp.run("drains")).out()).contains("=== Drains", url);
        assertThat(ok(jp.run("drains:remove", url)).out()).isEqualTo("Successfully removed drain " + url + "\n");
        assertThat(ok(jp.run("drains")).err()).contains("has no drains");
        assertThat(jp.run("drains:remove", url).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(12)
    void audit_tells_the_story_and_the_state_at_a_moment() {
        Jp.Result audit = ok(jp.run("audit"));
        assertThat(audit.out()).startsWith("=== " + app + " Audit")
                .contains("Create app", "Deploy ", "(v1)", "Scale web=2", "worker=1", "Run `echo hello from run` as run.",
                        "Set EXTRA, GREETING config vars (v2)", "Unset EXTRA config vars (v3)", "Rollback to v2 (v4)",
                        "Restart web.1", "Restart worker dynos", "Stop web.2", "Add drain syslog+tls://logs.example.com:6514");
        Jp.Result scales = ok(jp.run("audit", "--type", "formation.scaled.v1"));
        assertThat(scales.out()).contains("Scale web=2").doesNotContain("Deploy");
        assertThat(ok(jp.run("audit", "--json", "--since", "1h")).out()).startsWith("[").contains("\"type\": \"app.created.v1\"");
        Jp.Result then = ok(jp.run("audit", "--at", beforeConfigChange.toString()));
        assertThat(then.out()).contains("Release:", "v1 Deploy", "Formation:", "web=2:Standard-1X");
        assertThat(jp.run("audit", "--type", "nonsense").exitCode()).isEqualTo(ExitCodes.FAILURE);
    }

    @Test
    @Order(13)
    void login_checks_the_token_and_saves_it_for_later_commands() throws Exception {
        Path config = home.resolve("login-config");
        Jp fresh = new Jp(Map.of("XDG_CONFIG_HOME", config.toString()), appDir);
        Jp.Result bad = fresh.run("login", "--api", api, "--token", "wrong");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(config.resolve("jp/config")).doesNotExist();
        ok(fresh.run("login", "--api", api, "--token", token));
        assertThat(Files.getPosixFilePermissions(config.resolve("jp/config"))).isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(ok(fresh.run("auth:token")).out()).isEqualTo(token + "\n");
        assertThat(ok(fresh.run("ps")).out()).contains("=== web");
    }

    @Test
    @Order(14)
    void every_read_prints_only_json_with_json() {
        List<List<String>> reads = List.of(List.of("apps"), List.of("apps:info"), List.of("ps"), List.of("ps", "web"), List.of("ps:scale"),
                List.of("releases"), List.of("releases", "-n", "1"), List.of("releases:info"), List.of("releases:info", "v1"),
                List.of("config"), List.of("drains"), List.of("audit"), List.of("audit", "--type", "formation.scaled.v1"));
        for (List<String> read : reads) {
            List<String> args = new ArrayList<>(read);
            args.add("--json");
            Jp.Result result = ok(jp.run(args.toArray(String[]::new)));
            assertThat(dev.jp.cli.api.Json.parse(result.out())).as(args + "\n" + result).isNotNull();
            assertThat(result.err()).as(args.toString()).isEmpty();
        }
    }

    /**
     * Every command that takes -a and calls the API, with arguments it accepts; the tests add -a.
     * Not {@code run}: this platform refuses attach:true (422) before it looks the app up.
     */
    private static final List<List<String>> APP_COMMANDS = List.of(List.of("ps"), List.of("apps:info"), List.of("releases"),
            List.of("releases:info", "v1"), List.of("releases:rollback", "v1"), List.of("config"), List.of("config:get", "A"),
            List.of("config:set", "A=1"), List.of("config:unset", "A"), List.of("ps:scale", "web=1"), List.of("ps:restart"),
            List.of("ps:stop", "web.1"), List.of("ps:wait"), List.of("logs"), List.of("run:detached", "true"),
            List.of("drains"), List.of("drains:add", "syslog://x.example.com:514"), List.of("drains:remove", "x"), List.of("audit"),
            List.of("deploy"));

    private static String[] withApp(List<String> command, String app) {
        List<String> args = new ArrayList<>(command);
        args.addAll(List.of("-a", app));
        return args.toArray(String[]::new);
    }

    @Test
    @Order(20)
    void an_unknown_app_exits_3_with_the_apis_message() {
        for (List<String> command : APP_COMMANDS) {
            Jp.Result result = jp.run(withApp(command, "no-such-app"));
            assertThat(result.exitCode()).as(command + "\n" + result).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(result.err()).as(command.toString()).contains("jp: Couldn't find that app").doesNotContain("\tat ");
        }
        assertThat(jp.run("apps:destroy", "no-such-app", "--confirm", "no-such-app").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(21)
    void an_unknown_process_type_or_dyno_exits_3() {
        Jp.Result scale = jp.run("ps:scale", "nope=1");
        assertThat(scale.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(scale.err()).isEqualTo("Scaling dynos... failed\njp: Couldn't find that process type (nope).\n");
        assertThat(jp.run("ps", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(jp.run("ps:restart", "-p", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(jp.run("ps:stop", "nope.1").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(jp.run("releases:info", "v99").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    @Test
    @Order(22)
    void a_taken_name_is_refused() {
        Jp.Result again = jp.in(home).run("apps:create", app);
        assertThat(again.exitCode()).isNotZero();
        assertThat(again.err()).contains("jp: Name is already taken");
    }

    @Test
    @Order(23)
    void a_bad_token_exits_1_with_the_login_hint() {
        Jp badToken = jp.with("JP_API_KEY", "not-a-token");
        List<String[]> commands = new ArrayList<>(APP_COMMANDS.stream().map(command -> withApp(command, app)).toList());
        commands.addAll(List.of(new String[] {"apps"}, new String[] {"apps:create"}, new String[] {"apps:destroy", app, "--confirm", app},
                new String[] {"run", "true", "-a", app}));
        for (String[] command : commands) {
            Jp.Result result = badToken.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.err()).as(String.join(" ", command)).contains("jp login --api URL --token TOKEN").doesNotContain("\tat ");
        }
    }

    @Test
    @Order(24)
    void an_unreachable_api_exits_5() {
        String url = "http://127.0.0.1:" + FreePort.pick();
        Jp unreachable = jp.with("JP_API_URL", url);
        List<String[]> commands = new ArrayList<>(APP_COMMANDS.stream().map(command -> withApp(command, app)).toList());
        commands.addAll(List.of(new String[] {"apps"}, new String[] {"apps:create"}, new String[] {"apps:destroy", app, "--confirm", app},
                new String[] {"run", "true", "-a", app}, new String[] {"login", "--api", url, "--token", token}));
        for (String[] command : commands) {
            Jp.Result result = unreachable.run(command);
            assertThat(result.exitCode()).as(String.join(" ", command) + "\n" + result).isEqualTo(ExitCodes.UNREACHABLE);
            assertThat(result.err()).as(String.join(" ", command)).contains("cannot reach the jp API at http://127.0.0.1:").doesNotContain("\tat ");
        }
    }

    @Test
    @Order(30)
    void destroy_needs_the_name_again_then_removes_the_app() {
        String other = newApp(app + "-x-");
        assertThat(jp.run("apps:destroy", "-a", other, "--confirm", "wrong").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(ok(jp.run("apps:destroy", "-a", other, "--confirm", other)).err()).contains("Destroying " + other + "... done");
        assertThat(jp.run("apps:info", "-a", other).exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
    }

    private static Jp.Result ok(Jp.Result result) {
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return result;
    }
}
