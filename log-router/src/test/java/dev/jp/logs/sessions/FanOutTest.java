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
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FanOutTest {

    private static final byte[] SECRET = "test-log-session-secret".getBytes(StandardCharsets.UTF_8);
    /** Far more than a stalled client's socket buffers (up to 4 MiB here) and its 1,024-line buffer hold. */
    private static final int LINES = 40_000;
    private static final String PADDING = "x".repeat(200);

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    @Inject
    AppFollowers followers;

    @Test
    void a_stalled_tail_gets_l11_while_a_fast_tail_of_the_same_app_loses_nothing() throws Exception {
        Intake intake = new Intake(base);
        TestApp app = TestApps.create(kafka, intake, "fanout");
        String id = LogSessionToken.issue(
                LogSession.create(app.name(), null, null, 0, true, Instant.now().plusSeconds(300)), SECRET);

        try (Socket stalled = stalledClient(id);
             SseClient fast = SseClient.open(base.resolve("/sessions/" + id), null)) {
            await().atMost(Duration.ofSeconds(10)).until(() -> fast.comments() > 0);
            long started = System.nanoTime();
            for (int batch = 0; batch < LINES / 1000; batch++) {
                List<LogplexFrame> frames = new ArrayList<>();
                int from = batch * 1000;
                IntStream.range(from, from + 1000).forEach(i -> frames.add(frame("app", "web.1", "line " + i + " " + PADDING)));
                assertThat(intake.post(app.appToken(), frames).statusCode()).isEqualTo(204);
            }

            await().atMost(Duration.ofSeconds(60)).until(() -> fast.data().size() >= LINES);
            System.err.printf("fan-out: %d lines posted and tailed in %d ms%n", LINES,
                    (System.nanoTime() - started) / 1_000_000);
            List<String> got = fast.data();
            assertThat(got).hasSize(LINES);
            for (int i = 0; i < LINES; i++) {
                assertThat(got.get(i)).endsWith("app[web.1]: line " + i + " " + PADDING);
            }
            assertThat(followers.size()).as("one consumer for the app, whatever its tails").isEqualTo(1);

            String received = readUntilTheLastLine(stalled.getInputStream());
            Matcher l11 = Pattern.compile("data: \\S+ heroku\\[logplex]: Error L11 \\(Tail buffer overflow\\) -> "
                    + "This tail session dropped (\\d+) messages since \\S+\\.").matcher(received);
            assertThat(l11.find()).as("L11 in what the stalled client got").isTrue();
            long dropped = Long.parseLong(l11.group(1));
            assertThat(dropped).isPositive();
            assertThat(received.substring(l11.end())).contains("line " + (LINES - 1) + " ");
            assertThat(metrics()).contains("jp_logs_dropped_total{app=\"" + app.name() + "\"} " + dropped + ".0");
        }
    }

    /** A client that asks for the stream and then reads nothing, through a tiny receive buffer. */
    private Socket stalledClient(String id) throws IOException {
        Socket socket = new Socket();
        socket.setReceiveBufferSize(4096);
        socket.connect(new InetSocketAddress(base.getHost(), base.getPort()));
        socket.getOutputStream().write(("GET /sessions/" + id + " HTTP/1.1\r\nHost: " + base.getHost()
                + "\r\nAccept: text/event-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().flush();
        socket.setSoTimeout(30_000);
        return socket;
    }

    private static String readUntilTheLastLine(InputStream in) throws IOException {
        StringBuilder text = new StringBuilder();
        byte[] chunk = new byte[64 * 1024];
        String last = "line " + (LINES - 1) + " ";
        while (text.indexOf(last) < 0) {
            int n = in.read(chunk);
            if (n < 0) {
                break;
            }
            text.append(new String(chunk, 0, n, StandardCharsets.ISO_8859_1));
        }
        return text.toString();
    }

    private String metrics() throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
