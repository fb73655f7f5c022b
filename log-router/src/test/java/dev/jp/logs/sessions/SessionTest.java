package dev.jp.logs.sessions;

import static dev.jp.logs.testing.Intake.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logsession.LogSession;
import dev.jp.events.logsession.LogSessionToken;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.SseClient;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SessionTest {

    private static final byte[] SECRET = "test-log-session-secret".getBytes(StandardCharsets.UTF_8);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    Intake intake;
    TestApp app;

    @BeforeEach
    void createApp() {
        intake = new Intake(base);
        app = TestApps.create(kafka, intake, "sessions");
    }

    private URI session(String dyno, String source, int lines, boolean tail) {
        return session(LogSession.create(app.name(), dyno, source, lines, tail, Instant.now().plusSeconds(300)));
    }

    private URI session(LogSession session) {
        return base.resolve("/sessions/" + LogSessionToken.issue(session, SECRET));
    }

    private void post(String token, List<LogplexFrame> frames) {
        assertThat(intake.post(token, frames).statusCode()).isEqualTo(204);
    }

    private void postNumbered(String dyno, int from, int to) {
        List<LogplexFrame> frames = new ArrayList<>();
        IntStream.range(from, to).forEach(i -> frames.add(frame("app", dyno, "line " + i)));
        post(app.appToken(), frames);
    }

    @Test
    void sends_the_last_lines_rendered_as_heroku_does_then_closes_without_tail() {
        post(app.appToken(), List.of(new LogplexFrame(190, "2026-11-21T10:14:40.123456+00:00", "h", "app", "web.1", "-",
                "Listening on 5000")));
        post(app.herokuToken(), List.of(new LogplexFrame(190, "2026-11-21T10:14:41.000001+00:00", "h", "heroku", "web.1",
                "-", "State changed from starting to up")));
        post(app.appToken(), List.of(new LogplexFrame(190, "2026-11-21T10:14:42Z", "h", "app", "api", "-",
                "Scale to web=2 by ci@example.com")));

        try (SseClient client = SseClient.open(session(null, null, 100, false), null)) {
            assertThat(client.status()).isEqualTo(200);
            assertThat(client.contentType()).startsWith("text/event-stream");
            await().atMost(WAIT).until(client::ended);
            assertThat(client.data()).containsExactly(
                    "2026-11-21T10:14:40.123456+00:00 app[web.1]: Listening on 5000",
                    "2026-11-21T10:14:41.000001+00:00 heroku[web.1]: State changed from starting to up",
                    "2026-11-21T10:14:42Z app[api]: Scale to web=2 by ci@example.com");
            assertThat(client.events()).allSatisfy(event -> assertThat(event.id()).isNotNull());
        }
    }

    @Test
    void sends_only_the_newest_lines_asked_for() {
        postNumbered("web.1", 0, 300);

        try (SseClient client = SseClient.open(session(null, null, 50, false), null)) {
            await().atMost(WAIT).until(client::ended);
            assertThat(client.data()).hasSize(50);
            assertThat(client.data().get(0)).endsWith("app[web.1]: line 250");
            assertThat(client.data().get(49)).endsWith("app[web.1]: line 299");
        }
    }

    @Test
    void sends_more_history_than_logplex_ever_did() {
        for (int batch = 0; batch < 4; batch++) {
            postNumbered("web.1", batch * 500, batch * 500 + 500);
        }

        try (SseClient client = SseClient.open(session(null, null, 1800, false), null)) {
            await().atMost(WAIT).until(client::ended);
            assertThat(client.data()).hasSize(1800);
            assertThat(client.data().get(0)).endsWith("line 200");
        }
    }

    @Test
    void filters_by_process_type_dyno_name_and_source() {
        post(app.appToken(), List.of(frame("app", "web.1", "w1"), frame("app", "web.2", "w2"),
                frame("app", "webhook.1", "hook"), frame("app", "worker.1", "wk"), frame("app", "web.10", "w10")));
        post(app.herokuToken(), List.of(frame("heroku", "web.1", "state")));

        assertThat(history("web", null)).containsExactly("w1", "w2", "w10", "state");
        assertThat(history("web.1", null)).containsExactly("w1", "state");
        assertThat(history("web", "app")).containsExactly("w1", "w2", "w10");
        assertThat(history(null, "heroku")).containsExactly("state");
        assertThat(history("worker.1", "heroku")).isEmpty();
    }

    private List<String> history(String dyno, String source) {
        try (SseClient client = SseClient.open(session(dyno, source, 100, false), null)) {
            await().atMost(WAIT).until(client::ended);
            return client.data().stream().map(d -> d.substring(d.indexOf("]: ") + 3)).toList();
        }
    }

    @Test
    void follows_after_the_history_with_the_filter_applied() {
        postNumbered("web.1", 0, 5);

        try (SseClient client = SseClient.open(session("web", null, 3, true), null)) {
            await().atMost(WAIT).until(() -> client.data().size() == 3);
            post(app.appToken(), List.of(frame("app", "worker.1", "not for this tail"), frame("app", "web.2", "live")));

            await().atMost(WAIT).until(() -> client.data().size() == 4);
            assertThat(client.data()).extracting(d -> d.substring(d.indexOf("]: ") + 3))
                    .containsExactly("line 2", "line 3", "line 4", "live");
            assertThat(client.ended()).isFalse();
        }
    }

    @Test
    void a_reconnect_with_last_event_id_resumes_exactly_after_it() {
        URI url = session(null, null, 100, true);
        postNumbered("web.1", 0, 10);
        String lastSeen;
        try (SseClient first = SseClient.open(url, null)) {
            await().atMost(WAIT).until(() -> first.data().size() == 10);
            lastSeen = first.events().get(6).id();
        }
        postNumbered("web.1", 10, 15);

        try (SseClient resumed = SseClient.open(url, lastSeen)) {
            await().atMost(WAIT).until(() -> resumed.data().size() == 8);
            postNumbered("web.1", 15, 17);
            await().atMost(WAIT).until(() -> resumed.data().size() == 10);
            assertThat(resumed.data()).extracting(d -> d.substring(d.indexOf("]: ") + 3)).containsExactlyElementsOf(
                    IntStream.range(7, 17).mapToObj(i -> "line " + i).toList());
        }
    }

    @Test
    void an_idle_tail_gets_heartbeat_comments() {
        try (SseClient client = SseClient.open(session(null, null, 100, true), null)) {
            await().atMost(WAIT).until(() -> client.comments() >= 3);
            assertThat(client.data()).isEmpty();
        }
    }

    @Test
    void a_line_with_line_breaks_stays_one_event() {
        post(app.appToken(), List.of(frame("app", "web.1", "first\rsecond")));

        try (SseClient client = SseClient.open(session(null, null, 100, false), null)) {
            await().atMost(WAIT).until(client::ended);
            assertThat(client.data()).singleElement().asString().endsWith("app[web.1]: first\nsecond");
        }
    }

    @Test
    void unknown_forged_or_expired_sessions_are_not_found() throws Exception {
        LogSession expired = LogSession.create(app.name(), null, null, 100, true, Instant.now().minusSeconds(1));
        String other = LogSessionToken.issue(LogSession.create(app.name(), null, null, 100, true,
                Instant.now().plusSeconds(300)), "another-secret".getBytes(StandardCharsets.UTF_8));

        for (URI uri : List.of(base.resolve("/sessions/nonsense"), session(expired), base.resolve("/sessions/" + other),
                session(LogSession.create("no-such-app", null, null, 1, false, Instant.now().plusSeconds(60))))) {
            HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(uri.toString()).isEqualTo(404);
            assertThat(response.body()).contains("\"id\":\"not_found\"");
        }
    }

    @Test
    void an_expired_tail_may_still_reconnect_with_last_event_id() {
        postNumbered("web.1", 0, 3);
        URI url = session(LogSession.create(app.name(), null, null, 100, true, Instant.now().minusSeconds(60)));

        try (SseClient resumed = SseClient.open(url, "0")) {
            assertThat(resumed.status()).isEqualTo(200);
            await().atMost(WAIT).until(() -> resumed.data().size() == 2);
        }
    }

    @Test
    void a_tail_ends_after_its_last_lines_when_the_app_is_destroyed() {
        try (SseClient client = SseClient.open(session(null, null, 100, true), null)) {
            await().atMost(WAIT).until(() -> client.comments() > 0);
            postNumbered("web.1", 0, 3);
            await().atMost(WAIT).until(() -> client.data().size() == 3);

            TestApps.destroy(kafka, app);

            await().atMost(WAIT).until(client::ended);
            assertThat(client.data()).hasSize(3);
        }
    }
}
