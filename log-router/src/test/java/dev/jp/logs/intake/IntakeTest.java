package dev.jp.logs.intake;

import static dev.jp.logs.testing.Intake.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.Topics;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.lines.LogLine;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.LogTopicReader;
import dev.jp.logs.testing.LogTopicReader.Stored;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class IntakeTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    Intake intake;
    TestApp app;

    @BeforeEach
    void createApp() {
        intake = new Intake(base);
        app = TestApps.create(kafka, intake, "intake");
    }

    @Test
    void stores_each_line_keyed_by_dyno_with_its_timestamp_verbatim() {
        LogplexFrame web = new LogplexFrame(190, "2026-11-21T10:14:40.123456+00:00", "h", "app", "web.1", "-", "Listening on 5000");
        LogplexFrame api = new LogplexFrame(190, "2026-11-21T10:14:41Z", "h", "app", "api", "-", "Scale to web=2 by ci@example.com ✓");

        HttpResponse<String> response = intake.post(app.appToken(), List.of(web, api));

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(LogTopicReader.all(kafka, app.name())).containsExactly(
                new Stored("web.1", new LogLine("2026-11-21T10:14:40.123456+00:00", "app", "web.1", "Listening on 5000")),
                new Stored("api", new LogLine("2026-11-21T10:14:41Z", "app", "api", "Scale to web=2 by ci@example.com ✓")));
    }

    @Test
    void the_platform_token_posts_heroku_lines() {
        assertThat(intake.post(app.herokuToken(), List.of(frame("heroku", "web.1", "State changed from starting to up")))
                .statusCode()).isEqualTo(204);

        assertThat(LogTopicReader.all(kafka, app.name())).extracting(s -> s.line().render())
                .singleElement().asString().endsWith(" heroku[web.1]: State changed from starting to up");
    }

    @Test
    void creates_the_log_topic_with_the_configured_retention() throws Exception {
        try (Admin admin = kafka.admin()) {
            ConfigResource topic = new ConfigResource(ConfigResource.Type.TOPIC, Topics.logs(app.name()));
            Config config = admin.describeConfigs(List.of(topic)).all().get().get(topic);
            assertThat(config.get("retention.ms").value()).isEqualTo(Long.toString(7L * 24 * 3600 * 1000));
            assertThat(config.get("retention.bytes").value()).isEqualTo(Long.toString(1L << 30));
            assertThat(config.get("cleanup.policy").value()).isEqualTo("delete");
        }
    }

    @Test
    void refuses_unknown_tokens_and_requests_without_credentials() {
        assertThat(intake.post("t.00000000-0000-0000-0000-000000000000", List.of(frame("app", "web.1", "x"))).statusCode())
                .isEqualTo(401);
        HttpResponse<String> anonymous = intake.post(null, List.of(frame("app", "web.1", "x")));
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.body()).contains("\"id\":\"unauthorized\"");
    }

    @Test
    void refuses_other_media_types() {
        HttpResponse<String> response = intake.post(app.appToken(), Intake.body(List.of(frame("app", "web.1", "x"))),
                Map.of("Content-Type", "text/plain"));

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(LogTopicReader.all(kafka, app.name())).isEmpty();
    }

    @Test
    void stores_nothing_of_a_request_with_one_malformed_frame() {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes(frame("app", "web.1", "good").toOctetCounted());
        body.writeBytes("12 <190>1 garbage".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> response = intake.post(app.appToken(), body.toByteArray());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Malformed log messages");
        assertThat(LogTopicReader.all(kafka, app.name())).isEmpty();
    }

    @Test
    void a_frame_over_10240_bytes_is_malformed() {
        HttpResponse<String> response = intake.post(app.appToken(), List.of(frame("app", "web.1", "x".repeat(10_240))));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void a_frame_from_another_source_than_the_token_is_malformed() {
        assertThat(intake.post(app.appToken(), List.of(frame("app", "web.1", "ok"), frame("heroku", "web.1", "forged")))
                .statusCode()).isEqualTo(400);
        assertThat(LogTopicReader.all(kafka, app.name())).isEmpty();
    }

    @Test
    void a_message_count_that_differs_from_the_body_is_malformed() {
        byte[] body = Intake.body(List.of(frame("app", "web.1", "a"), frame("app", "web.1", "b")));

        HttpResponse<String> response = intake.post(app.appToken(), body,
                Map.of("Content-Type", "application/logplex-1", "Logplex-Msg-Count", "3"));

        assertThat(response.statusCode()).isEqualTo(400);
    }

    @Test
    void takes_gzip_bodies_and_refuses_ones_that_inflate_beyond_the_cap() throws IOException {
        byte[] body = Intake.body(List.of(frame("app", "web.1", "compressed")));
        Map<String, String> gzip = Map.of("Content-Type", "application/logplex-1", "Content-Encoding", "gzip");

        assertThat(intake.post(app.appToken(), gzip(body), gzip).statusCode()).isEqualTo(204);
        assertThat(intake.post(app.appToken(), gzip(new byte[20 * 1024 * 1024]), gzip).statusCode()).isEqualTo(413);
        assertThat(intake.post(app.appToken(), new byte[] {1, 2, 3}, gzip).statusCode()).isEqualTo(400);
        assertThat(LogTopicReader.all(kafka, app.name())).extracting(s -> s.line().message()).containsExactly("compressed");
    }

    @Test
    void forgets_the_tokens_and_deletes_the_topic_when_the_app_is_destroyed() throws Exception {
        TestApps.destroy(kafka, app);

        await().atMost(Duration.ofSeconds(30)).until(() ->
                intake.post(app.appToken(), List.of(frame("app", "web.1", "late"))).statusCode() == 401);
        try (Admin admin = kafka.admin()) {
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    !admin.listTopics().names().get().contains(Topics.logs(app.name())));
        }
    }

    @Test
    void counts_received_and_malformed_lines_per_app() throws Exception {
        intake.post(app.appToken(), List.of(frame("app", "web.1", "a"), frame("app", "web.2", "b")));
        intake.post(app.appToken(), "nonsense".getBytes(StandardCharsets.UTF_8));

        HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(base.resolve("/q/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body().lines())
                .contains("jp_logs_received_total{app=\"" + app.name() + "\"} 2.0")
                .contains("jp_logs_malformed_total{app=\"" + app.name() + "\"} 1.0");
    }

    private static byte[] gzip(byte[] bytes) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream zip = new GZIPOutputStream(out)) {
            zip.write(bytes);
        }
        return out.toByteArray();
    }

}
