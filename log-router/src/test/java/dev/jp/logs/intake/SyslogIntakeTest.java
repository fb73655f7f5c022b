package dev.jp.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.LogTopicReader;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SyslogIntakeTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    @Inject
    SyslogIntake syslog;

    TestApp app;

    @BeforeEach
    void createApp() {
        app = TestApps.create(kafka, new Intake(base), "tcp");
    }

    private LogplexFrame frame(String token, String source, String message) {
        return new LogplexFrame(LogplexFrame.INFO, "2026-11-21T10:14:40.123456+00:00", token, source, "web.1", "-", message);
    }

    @Test
    void stores_frames_of_a_stream_written_in_pieces_that_split_frames_and_characters() throws IOException {
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        IntStream.range(0, 50).forEach(i -> stream.writeBytes(frame(app.appToken(), "app", "line " + i + " ✓").toOctetCounted()));
        stream.writeBytes(frame(app.herokuToken(), "heroku", "State changed").toOctetCounted());
        byte[] bytes = stream.toByteArray();

        try (Socket socket = new Socket("127.0.0.1", syslog.port().orElseThrow())) {
            OutputStream out = socket.getOutputStream();
            for (int i = 0; i < bytes.length; i += 7) {
                out.write(bytes, i, Math.min(7, bytes.length - i));
                out.flush();
            }
            await().atMost(WAIT).until(() -> LogTopicReader.all(kafka, app.name()).size() == 51);
        }
        List<String> rendered = LogTopicReader.all(kafka, app.name()).stream().map(s -> s.line().render()).toList();
        assertThat(rendered.get(0)).isEqualTo("2026-11-21T10:14:40.123456+00:00 app[web.1]: line 0 ✓");
        assertThat(rendered.get(50)).isEqualTo("2026-11-21T10:14:40.123456+00:00 heroku[web.1]: State changed");
    }

    @Test
    void closes_the_connection_at_a_malformed_frame_or_a_foreign_source() throws IOException {
        for (byte[] bad : List.of("oops".getBytes(StandardCharsets.UTF_8),
                frame(app.appToken(), "heroku", "forged").toOctetCounted(),
                frame("t.unknown", "app", "who").toOctetCounted())) {
            try (Socket socket = new Socket("127.0.0.1", syslog.port().orElseThrow())) {
                socket.setSoTimeout((int) WAIT.toMillis());
                socket.getOutputStream().write(bad);
                socket.getOutputStream().flush();
                assertThat(socket.getInputStream().read()).as("closed by the router").isEqualTo(-1);
            }
        }
        assertThat(LogTopicReader.all(kafka, app.name())).isEmpty();
    }
}
