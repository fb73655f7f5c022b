package dev.jp.cli.heroku;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.localstack.testing.HerokuCli;
import com.sun.net.httpserver.HttpServer;
import dev.jp.localstack.LocalStackConfig;
import dev.jp.localstack.platform.LocalPlatform;
import dev.jp.localstack.platform.PlatformPorts;
import dev.jp.localstack.postgres.PostgresServer;
import dev.jp.localstack.process.LogFileSink;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The official Heroku CLI's log commands against the whole platform (platform-api hands out the
 * log session, log-router serves it and ships drains, a runner runs the dyno whose output they
 * show): {@code logs -n}, {@code logs --tail}, {@code logs -p -s}, {@code drains},
 * {@code drains:add}, {@code drains:remove}. The platform is the packaged services on free ports,
 * as {@code jp up} runs them. Skipped, saying why, only where node and npm are missing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HerokuCliLogsIT {

    /** Heroku's rendering of a line, as the CLI prints it with colours off. */
    private static final Pattern LINE = Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{6}\\+00:00 (app|heroku)\\[[^\\]]+\\]: .*");
    private static final Pattern TICK = Pattern.compile("app\\[web\\.1\\]: tick (\\d+)$");

    private final String app = "hklogs-" + UUID.randomUUID().toString().substring(0, 8);
    private Path data;
    private LocalPlatform platform;
    private HerokuCli heroku;
    private int lastTickOfHistory;

    @BeforeAll
    void up() throws Exception {
        HerokuCli.install();
        data = Files.createTempDirectory("jp-heroku-logs");
        LocalStackConfig stack = new LocalStackConfig(data, 0, 0, "384m", PostgresServer.Choice.AUTO,
                System.getenv("JP_DATABASE_URL"), "jp_heroku_logs_" + System.currentTimeMillis());
        Path home = Path.of("..").toAbsolutePath().normalize();
        platform = LocalPlatform.start(home, data, PlatformPorts.free(), stack, new LogFileSink(data.resolve("logs")));
        heroku = new HerokuCli(platform.apiUrl(), platform.token(), data.resolve("home"));
        // The first writes after a start may answer 503 while the API's projector joins its topic.
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .until(() -> heroku.run("apps:create", app).exitCode() == 0 || heroku.run("apps:info", "-a", app).exitCode() == 0);
        deploy("i=0; while :; do i=$((i+1)); echo \"tick $i\"; sleep 0.05; done");
        expect(heroku.run("ps:scale", "web=1", "-a", app), "Scaling dynos... done");
    }

    @AfterAll
    void down() {
        if (platform != null) {
            platform.close();
            platform.stack().postgres().dropDatabase(platform.database());
        }
    }

    @Test
    @Order(1)
    void logs_n_shows_the_newest_lines_in_herokus_rendering() {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
            HerokuCli.Result result = heroku.run("logs", "-n", "50", "-a", app);
            assertThat(result.exitCode()).as(result.output()).isZero();
            List<String> lines = logLines(result.output());
            assertThat(lines).as(result.output()).hasSize(50).allMatch(line -> LINE.matcher(line).matches());
            lastTickOfHistory = lines.stream().mapToInt(HerokuCliLogsIT::tick).max().orElse(0);
            assertThat(lastTickOfHistory).as(result.output()).isGreaterThanOrEqualTo(60);
        });
    }

    @Test
    @Order(2)
    void logs_tail_follows_until_stopped() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        Process tail = heroku.start("logs", "--tail", "-a", app);
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(tail.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = out.readLine(); line != null; line = out.readLine()) {
                    seen.add(line);
                }
            } catch (IOException ended) {
                // the process was stopped
            }
        }, "heroku-logs-tail");
        reader.setDaemon(true);
        reader.start();
        try {
            int wanted = lastTickOfHistory + 40;
            await().atMost(Duration.ofSeconds(60)).until(() -> seen.stream().anyMatch(line -> tick(line) >= wanted));
        } finally {
            ProcessHandle.of(tail.pid()).ifPresent(ProcessHandle::destroy);
            assertThat(tail.waitFor(20, TimeUnit.SECONDS)).as("heroku logs --tail stops on SIGTERM").isTrue();
        }
        List<Integer> ticks = seen.stream().map(HerokuCliLogsIT::tick).filter(t -> t > 0).toList();
        // Live lines arrive in order, none skipped between the history it printed first and the end.
        for (int i = 1; i < ticks.size(); i++) {
            assertThat(ticks.get(i)).as(String.join("\n", seen)).isEqualTo(ticks.get(i - 1) + 1);
        }
    }

    @Test
    @Order(3)
    void logs_filters_by_process_type_and_source() throws Exception {
        HerokuCli.Result all = heroku.run("logs", "-n", "1500", "-a", app);
        expect(all, "heroku[web.1]: ", "app[web.1]: tick");
        HerokuCli.Result filtered = heroku.run("logs", "-p", "web", "-s", "app", "-n", "30", "-a", app);
        assertThat(filtered.exitCode()).as(filtered.output()).isZero();
        assertThat(logLines(filtered.output())).as(filtered.output()).hasSize(30)
                .allMatch(line -> TICK.matcher(line).find());
        HerokuCli.Result platformOnly = heroku.run("logs", "-p", "web", "-s", "heroku", "-a", app);
        assertThat(logLines(platformOnly.output())).as(platformOnly.output()).isNotEmpty()
                .allMatch(line -> line.contains(" heroku[web.1]: "));
    }

    @Test
    @Order(4)
    void drains_are_listed_added_shipped_to_and_removed() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> tokens = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/drain", exchange -> {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            tokens.add(String.valueOf(exchange.getRequestHeaders().getFirst("Logplex-Drain-Token")));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/drain";
            HerokuCli.Result none = heroku.run("drains", "-a", app);
            assertThat(none.exitCode()).as(none.output()).isZero();
            assertThat(none.output()).doesNotContain(url);

            expect(heroku.run("drains:add", url, "-a", app), "Successfully added drain " + url);
            HerokuCli.Result listed = heroku.run("drains", "-a", app);
            expect(listed, "=== Drains", url + " (d.");
            await().atMost(Duration.ofSeconds(60)).until(() -> bodies.stream().anyMatch(body -> body.contains("tick")));
            assertThat(tokens).allMatch(token -> token.startsWith("d."));

            expect(heroku.run("drains:remove", url, "-a", app), "Successfully removed drain " + url);
            assertThat(heroku.run("drains", "-a", app).output()).doesNotContain(url);
            HerokuCli.Result gone = heroku.run("drains:remove", url, "-a", app);
            assertThat(gone.exitCode()).as(gone.output()).isNotZero();
        } finally {
            receiver.stop(0);
        }
    }

    private static List<String> logLines(String output) {
        return output.lines().filter(line -> LINE.matcher(line).matches() || line.matches("^\\d{4}-\\d\\d-\\d\\dT.*")).toList();
    }

    private static int tick(String line) {
        Matcher matcher = TICK.matcher(line);
        return matcher.find() ? Integer.parseInt(matcher.group(1)) : -1;
    }

    private static void expect(HerokuCli.Result result, String... texts) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains(texts);
    }

    /** A slug of one file whose web process is the given command, released through the API. */
    private void deploy(String web) throws Exception {
        Path source = Files.createDirectories(data.resolve("slug"));
        Files.writeString(source.resolve("README"), "heroku logs test\n");
        Path tarball = data.resolve("slug.tgz");
        Process tar = new ProcessBuilder("tar", "-czf", tarball.toString(), "-C", source.toString(), ".").inheritIO().start();
        assertThat(tar.waitFor()).isZero();
        String slug = api("POST", "/apps/" + app + "/slugs", "{\"process_types\":{\"web\":" + json(web) + "}}");
        String blob = field(slug, "url");
        HttpResponse<String> upload = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(blob))
                .header("Authorization", "Bearer " + platform.token())
                .PUT(HttpRequest.BodyPublishers.ofFile(tarball)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(upload.statusCode()).as(upload.body()).isEqualTo(200);
        api("POST", "/apps/" + app + "/releases", "{\"slug\":" + json(field(slug, "id")) + "}");
    }

    private String api(String method, String path, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(platform.apiUrl() + path))
                .header("Authorization", "Bearer " + platform.token())
                .header("Accept", "application/vnd.heroku+json; version=3")
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isBetween(200, 201);
        return response.body();
    }

    /** A string field of a JSON body; the first of that name (the slug's {@code id} precedes its blob's). */
    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]*)\"").matcher(json);
        assertThat(matcher.find()).as(name + " in " + json).isTrue();
        return matcher.group(1);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }
}
