package dev.jp.logs.drains;

import static dev.jp.logs.testing.Intake.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DrainAdded;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.LogTopicReader;
import dev.jp.logs.testing.Rsyslog;
import dev.jp.logs.testing.TlsSyslogReceiver;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SyslogDrainTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    @Test
    void a_real_rsyslog_receives_what_was_sent_over_tcp() throws Exception {
        Assumptions.assumeTrue(Rsyslog.installed(), "needs Debian's rsyslog (apt-get install rsyslog)");
        Intake intake = new Intake(base);
        TestApp app = TestApps.create(kafka, intake, "syslog");
        String token = "d." + UUID.randomUUID();
        String drainId = UUID.randomUUID().toString();

        try (Rsyslog rsyslog = Rsyslog.start(Path.of("target", "rsyslog-" + drainId).toAbsolutePath())) {
            TestApps.publish(kafka, new DrainAdded(app.name(), "test@example.com", Instant.now(), 1L, drainId,
                    "syslog://127.0.0.1:" + rsyslog.port(), token));
            try (Admin admin = kafka.admin()) {
                await().atMost(WAIT).until(() -> !admin.listConsumerGroupOffsets(DrainShipper.groupId(drainId))
                        .partitionsToOffsetAndMetadata().get().isEmpty());
            }
            List<LogplexFrame> frames = new ArrayList<>();
            IntStream.range(0, 200).forEach(i -> frames.add(frame("app", "web." + (i % 3 + 1), "line " + i + " ✓ é")));
            assertThat(intake.post(app.appToken(), frames).statusCode()).isEqualTo(204);
            assertThat(intake.post(app.herokuToken(), List.of(frame("heroku", "web.1", "State changed from up to down")))
                    .statusCode()).isEqualTo(204);

            await().atMost(WAIT).until(() -> rsyslog.received().size() >= 201);
            List<String> expected = new ArrayList<>();
            IntStream.range(0, 200).forEach(i -> expected.add(token + "|app|web." + (i % 3 + 1) + "|line " + i + " ✓ é"));
            expected.add(token + "|heroku|web.1|State changed from up to down");
            assertThat(rsyslog.received()).containsExactlyElementsOf(expected);
        } finally {
            TestApps.destroy(kafka, app);
        }
    }

    @Test
    void a_tls_drain_verifies_the_certificate_reports_l14_and_skips_verification_only_when_insecure() throws Exception {
        Intake intake = new Intake(base);
        TestApp app = TestApps.create(kafka, intake, "tls");
        String verified = UUID.randomUUID().toString();
        String insecure = UUID.randomUUID().toString();

        try (TlsSyslogReceiver receiver = new TlsSyslogReceiver(Path.of("target", "tls-" + verified).toAbsolutePath())) {
            String url = "syslog+tls://127.0.0.1:" + receiver.port();
            TestApps.publish(kafka, new DrainAdded(app.name(), "test@example.com", Instant.now(), 1L, verified, url, "d.verified"));
            TestApps.publish(kafka, new DrainAdded(app.name(), "test@example.com", Instant.now(), 2L, insecure,
                    url + "#insecure", "d.insecure"));
            try (Admin admin = kafka.admin()) {
                for (String drain : List.of(verified, insecure)) {
                    await().atMost(WAIT).until(() -> !admin.listConsumerGroupOffsets(DrainShipper.groupId(drain))
                            .partitionsToOffsetAndMetadata().get().isEmpty());
                }
            }
            assertThat(intake.post(app.appToken(), List.of(frame("app", "web.1", "secret stuff"))).statusCode()).isEqualTo(204);

            await().atMost(WAIT).until(() -> receiver.frames().stream().anyMatch(f -> f.message().equals("secret stuff")));
            assertThat(receiver.frames()).allSatisfy(f -> assertThat(f.host()).isEqualTo("d.insecure"));
            await().atMost(WAIT).until(() -> LogTopicReader.all(kafka, app.name()).stream().anyMatch(s ->
                    s.line().render().contains(" heroku[logplex]: Error L14 (certificate validation): error=\"")
                            && s.line().message().endsWith("uri=\"" + url + "\"")));
        } finally {
            TestApps.destroy(kafka, app);
        }
    }
}
