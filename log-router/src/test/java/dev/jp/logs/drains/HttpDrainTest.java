package dev.jp.logs.drains;

import static dev.jp.logs.testing.Intake.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DrainAdded;
import dev.jp.events.DrainRemoved;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logplex.LogplexParser;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.HttpReceiver;
import dev.jp.logs.testing.HttpReceiver.Request;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HttpDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    Intake intake;
    TestApp app;
    HttpReceiver receiver;
    String drainToken = "d." + UUID.randomUUID();
    String drainId = UUID.randomUUID().toString();

    @BeforeEach
    void addDrain() throws Exception {
        intake = new Intake(base);
        app = TestApps.create(kafka, intake, "drain");
        receiver = new HttpReceiver();
        TestApps.publish(kafka, new DrainAdded(app.name(), "test@example.com", Instant.now(), 1L, drainId,
                receiver.url("/drain").toString(), drainToken));
        try (Admin admin = kafka.admin()) {
            await().atMost(WAIT).until(() -> !admin.listConsumerGroupOffsets(DrainShipper.groupId(drainId))
                    .partitionsToOffsetAndMetadata().get().isEmpty());
        }
    }

    @AfterEach
    void stopReceiver() {
        TestApps.destroy(kafka, app);
        receiver.close();
    }

    private void post(String... messages) {
        List<LogplexFrame> frames = new ArrayList<>();
        for (String message : messages) {
            frames.add(frame("app", "web.1", message));
        }
        assertThat(intake.post(app.appToken(), frames).statusCode()).isEqualTo(204);
    }

    private static List<LogplexFrame> frames(Request request) {
        try {
            return LogplexParser.parseBody(request.body());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private List<String> messagesDelivered() {
        return receiver.requests().stream().flatMap(r -> frames(r).stream()).map(LogplexFrame::message).toList();
    }

    @Test
    void posts_logplex_batches_with_logplex_headers() {
        post("one", "two ✓", "three");

        await().atMost(WAIT).until(() -> messagesDelivered().size() == 3);
        // The three lines may reach the drain in one batch or several: each batch says what it holds.
        for (Request request : receiver.requests()) {
            assertThat(request.path()).isEqualTo("/drain");
            assertThat(request.headers()).containsEntry("content-type", "application/logplex-1")
                    .containsEntry("logplex-msg-count", Integer.toString(frames(request).size()))
                    .containsEntry("logplex-drain-token", drainToken)
                    .containsEntry("user-agent", HttpDrainSender.USER_AGENT)
                    .containsKey("logplex-frame-id");
        }
        assertThat(receiver.requests().stream().flatMap(r -> frames(r).stream()).toList())
                .extracting(LogplexFrame::appName, LogplexFrame::procId, LogplexFrame::message)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("app", "web.1", "one"),
                        org.assertj.core.groups.Tuple.tuple("app", "web.1", "two ✓"),
                        org.assertj.core.groups.Tuple.tuple("app", "web.1", "three"));

        LogplexFrame stderr = new LogplexFrame(LogplexFrame.ERROR, "2026-11-21T10:14:40.5+00:00", "h", "app", "web.2", "-", "boom");
        assertThat(intake.post(app.appToken(), List.of(stderr)).statusCode()).isEqualTo(204);
        await().atMost(WAIT).until(() -> messagesDelivered().contains("boom"));
        LogplexFrame drained = frames(receiver.requests().get(receiver.requests().size() - 1)).get(0);
        assertThat(drained.priority()).as("stderr stays local7.err").isEqualTo(LogplexFrame.ERROR);
        assertThat(drained.timestamp()).as("verbatim").isEqualTo("2026-11-21T10:14:40.5+00:00");
    }

    @Test
    void retries_429_and_5xx_with_the_same_frame_id_three_tries_in_all() {
        receiver.answer(503, 429, 200);
        post("retried");
        await().atMost(WAIT).until(() -> receiver.requests().size() == 3);

        receiver.answer(500, 502, 503);
        post("given up");
        await().atMost(WAIT).until(() -> receiver.requests().size() == 6);
        post("after");
        await().atMost(WAIT).until(() -> receiver.requests().size() == 7);

        List<Request> requests = receiver.requests();
        assertThat(requests.subList(0, 3)).extracting(r -> r.headers().get("logplex-frame-id")).containsOnly(
                requests.get(0).headers().get("logplex-frame-id"));
        assertThat(requests.subList(3, 6)).extracting(r -> r.headers().get("logplex-frame-id")).containsOnly(
                requests.get(3).headers().get("logplex-frame-id"));
        assertThat(requests.get(6).headers().get("logplex-frame-id"))
                .isNotEqualTo(requests.get(3).headers().get("logplex-frame-id"));
        assertThat(frames(requests.get(6))).extracting(LogplexFrame::message).containsExactly("after");
    }

    @Test
    void drops_a_batch_refused_with_4xx_or_a_redirect_without_retrying_or_following() {
        receiver.answer(400);
        post("refused");
        await().atMost(WAIT).until(() -> receiver.requests().size() == 1);
        receiver.answer(302);
        post("redirected");
        await().atMost(WAIT).until(() -> receiver.requests().size() == 2);
        post("next");
        await().atMost(WAIT).until(() -> receiver.requests().size() == 3);

        assertThat(receiver.requests()).extracting(Request::path).containsOnly("/drain");
        assertThat(messagesDelivered()).containsExactly("refused", "redirected", "next");
    }

    @Test
    void an_endpoint_slower_than_the_app_loses_the_oldest_lines_and_is_told_first_in_the_next_batch() {
        CountDownLatch release = receiver.holdNext();
        post("first");
        await().atMost(WAIT).until(receiver::isHolding);
        for (int batch = 0; batch < 3; batch++) {
            int from = batch * 1000;
            post(IntStream.range(from, from + 1000).mapToObj(i -> "line " + i).toArray(String[]::new));
        }
        release.countDown();

        await().atMost(WAIT).until(() -> messagesDelivered().contains("line 2999"));
        List<String> delivered = messagesDelivered();
        String l10 = delivered.stream().filter(m -> m.startsWith("Error L10")).findFirst().orElseThrow();
        assertThat(l10).matches("Error L10 \\(output buffer overflow\\): \\d+ messages dropped since \\S+\\.");
        long dropped = Long.parseLong(l10.replaceAll(".*: (\\d+) messages.*", "$1"));
        assertThat(dropped).isPositive();
        assertThat(delivered.indexOf(l10)).isEqualTo(1).as("first in the batch after the slow one");
        assertThat(delivered.size() - 2 + dropped).isEqualTo(3000);
        assertThat(delivered.subList(2, delivered.size())).isSortedAccordingTo(
                (a, b) -> Integer.compare(Integer.parseInt(a.substring(5)), Integer.parseInt(b.substring(5))));
    }

    @Test
    void a_drain_started_again_resumes_from_its_committed_position() {
        post("before");
        await().atMost(WAIT).until(() -> messagesDelivered().contains("before"));

        TestApps.publish(kafka, new DrainRemoved(app.name(), "test@example.com", Instant.now(), 2L, drainId,
                receiver.url("/drain").toString()));
        try (Admin admin = kafka.admin()) {
            await().atMost(WAIT).until(() -> admin.describeConsumerGroups(List.of(DrainShipper.groupId(drainId)))
                    .all().get().get(DrainShipper.groupId(drainId)).members().isEmpty());
        }
        post("while stopped");
        TestApps.publish(kafka, new DrainAdded(app.name(), "test@example.com", Instant.now(), 3L, drainId,
                receiver.url("/drain").toString(), drainToken));

        await().atMost(WAIT).until(() -> messagesDelivered().contains("while stopped"));
        assertThat(messagesDelivered()).containsExactly("before", "while stopped");
    }
}
