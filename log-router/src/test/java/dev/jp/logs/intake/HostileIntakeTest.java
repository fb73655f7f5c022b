package dev.jp.logs.intake;

import static dev.jp.logs.testing.Intake.frame;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Hostile senders at the log intake: malformed frames, lengths that lie, bytes that are not UTF-8
 * and bodies of 10 MB. Each is a 4xx in Heroku's shape with nothing stored, or (for bad UTF-8) the
 * line stored with replacement characters; a large body is refused before it is read.
 */
@QuarkusTest
class HostileIntakeTest {

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    Intake intake;
    TestApp app;

    @BeforeEach
    void createApp() {
        intake = new Intake(base);
        app = TestApps.create(kafka, intake, "hostile");
    }

    @Test
    void refuses_malformed_frames_and_lying_lengths_and_stores_nothing() {
        String good = new String(frame("app", "web.1", "good").toOctetCounted(), StandardCharsets.UTF_8);
        String header = "<190>1 2026-11-21T10:14:40.123456+00:00 host app web.1 - - ";
        Map<String, String> bodies = new LinkedHashMap<>();
        bodies.put("no length", header + "hello");
        bodies.put("length 0", "0 " + header);
        bodies.put("leading zero", "061 " + header + "x");
        bodies.put("negative length", "-5 " + header);
        bodies.put("length with too many digits", "1000000 " + header);
        bodies.put("length over 10240", "10241 " + header);
        bodies.put("length without space", "61" + header);
        bodies.put("length longer than the body", good + "200 " + header + "short");
        bodies.put("length shorter than the frame", good + "20 " + header + "the rest is not a frame");
        bodies.put("length in hex", "0x3d " + header);
        bodies.put("priority out of range", framed("<999>1 2026-11-21T10:14:40Z host app web.1 - - x"));
        bodies.put("version 2", framed("<190>2 2026-11-21T10:14:40Z host app web.1 - - x"));
        bodies.put("timestamp not RFC 3339", framed("<190>1 yesterday host app web.1 - - x"));
        bodies.put("header cut short", framed("<190>1 2026-11-21T10:14:40Z host"));
        bodies.put("structured data unclosed", framed("<190>1 2026-11-21T10:14:40Z host app web.1 - [x a=\"b\" x"));
        bodies.put("good frame then garbage", good + "\u0000\u0001\u0002");

        for (Map.Entry<String, String> body : bodies.entrySet()) {
            HttpResponse<String> response = intake.post(app.appToken(), body.getValue().getBytes(StandardCharsets.UTF_8));
            assertThat(response.statusCode()).as(body.getKey()).isEqualTo(400);
            assertThat(response.body()).as(body.getKey()).contains("\"id\"").contains("\"message\"");
        }
        HttpResponse<String> wrongCount = intake.post(app.appToken(), good.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/logplex-1", "Logplex-Msg-Count", "-1"));
        assertThat(wrongCount.statusCode()).isEqualTo(400);
        HttpResponse<String> notACount = intake.post(app.appToken(), good.getBytes(StandardCharsets.UTF_8),
                Map.of("Content-Type", "application/logplex-1", "Logplex-Msg-Count", "many"));
        assertThat(notACount.statusCode()).isEqualTo(400);

        assertThat(LogTopicReader.all(kafka, app.name())).isEmpty();
    }

    @Test
    void replaces_bytes_that_are_not_utf8_and_never_fails_on_them() {
        byte[] header = "<190>1 2026-11-21T10:14:40.123456+00:00 host app web.1 - - bad ".getBytes(StandardCharsets.US_ASCII);
        byte[] invalid = {(byte) 0xff, (byte) 0xfe, (byte) 0xc3, 'x', (byte) 0xe2, (byte) 0x82, (byte) 0xed, (byte) 0xa0, (byte) 0x80};
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.writeBytes(header);
        frame.writeBytes(invalid);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((frame.size() + " ").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(frame.toByteArray());

        assertThat(intake.post(app.appToken(), body.toByteArray()).statusCode()).isEqualTo(204);

        assertThat(LogTopicReader.all(kafka, app.name())).singleElement()
                .satisfies(stored -> assertThat(stored.line().message()).startsWith("bad ").contains("\uFFFD").contains("x"));
    }

    @Test
    void refuses_a_10_mb_body_by_its_content_length_before_reading_it() throws IOException {
        String head = "POST /logs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(app.appToken())
                + "\r\nContent-Type: application/logplex-1\r\nContent-Length: " + (10 * 1024 * 1024) + "\r\n\r\n";

        // Only 64 kB of the 10 MB are ever sent: an answer proves the body was not awaited.
        String response = exchange(head, 64 * 1024, false);

        assertThat(response).startsWith("HTTP/1.1 413").contains("\"id\"").contains("\"message\"");
        assertThat(LogTopicReader.all(kafka, app.name())).isEmpty();
    }

    @Test
    void refuses_a_chunked_body_once_it_passes_the_cap_without_waiting_for_its_end() throws IOException {
        String head = "POST /logs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(app.appToken())
                + "\r\nContent-Type: application/logplex-1\r\nTransfer-Encoding: chunked\r\n\r\n";

        // 2 MB of a body that would be 10 MB: never finished.
        String response = exchange(head, 2 * 1024 * 1024, true);

        assertThat(response).startsWith("HTTP/1.1 413").contains("\"id\"").contains("\"message\"");
        assertThat(LogTopicReader.all(kafka, app.name())).isEmpty();
    }

    @Test
    void a_content_length_longer_than_the_body_stores_nothing_and_the_intake_keeps_working() throws IOException {
        byte[] good = Intake.body(List.of(frame("app", "web.1", "cut")));
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST /logs HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + basic(app.appToken())
                    + "\r\nContent-Type: application/logplex-1\r\nContent-Length: " + (good.length + 500) + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.write(good);
            out.flush();
            socket.shutdownOutput();
            socket.getInputStream().readAllBytes(); // whatever the router answers, if anything, before closing
        } catch (SocketTimeoutException | java.net.SocketException closed) {
            // a connection dropped without an answer is fine too
        }

        assertThat(intake.post(app.appToken(), List.of(frame("app", "web.1", "after"))).statusCode()).isEqualTo(204);
        assertThat(LogTopicReader.all(kafka, app.name())).extracting(s -> s.line().message()).containsExactly("after");
    }

    /** Sends the head and {@code bodyBytes} of body, never the rest, and returns what the router answers. */
    private String exchange(String head, int bodyBytes, boolean chunked) throws IOException {
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[16 * 1024];
            java.util.Arrays.fill(chunk, (byte) 'x');
            try {
                for (int sent = 0; sent < bodyBytes; sent += chunk.length) {
                    if (chunked) {
                        out.write((Integer.toHexString(chunk.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
                    }
                    out.write(chunk);
                    if (chunked) {
                        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
                    }
                }
                out.flush();
            } catch (IOException closedEarly) {
                // the router may answer and close while the body is still coming
            }
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[8192];
            try {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    response.write(buffer, 0, n);
                    String text = response.toString(StandardCharsets.UTF_8);
                    if (text.contains("\r\n\r\n") && text.endsWith("}")) {
                        break;
                    }
                }
            } catch (SocketTimeoutException noAnswer) {
                // asserted by the caller: an empty answer
            }
            return response.toString(StandardCharsets.UTF_8);
        }
    }

    private static String framed(String frame) {
        return frame.getBytes(StandardCharsets.UTF_8).length + " " + frame;
    }

    private static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString(("token:" + token).getBytes(StandardCharsets.UTF_8));
    }
}
