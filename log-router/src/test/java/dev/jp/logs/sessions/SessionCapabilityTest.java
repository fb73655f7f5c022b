package dev.jp.logs.sessions;

import static dev.jp.logs.testing.Intake.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.events.logsession.LogSession;
import dev.jp.events.logsession.LogSessionToken;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A {@code logplex_url} is a capability: unguessable (128 random bits in its nonce, and a 256-bit
 * signature), bounded in time, and bound to its app: editing the URL to name another app (or
 * pasting another session's signature on it) gets 404, never that app's lines.
 */
@QuarkusTest
class SessionCapabilityTest {

    private static final byte[] SECRET = "test-log-session-secret".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Decoder DECODE = Base64.getUrlDecoder();
    private static final Base64.Encoder ENCODE = Base64.getUrlEncoder().withoutPadding();

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    TestApp mine;
    TestApp theirs;

    @BeforeEach
    void createApps() {
        Intake intake = new Intake(base);
        mine = TestApps.create(kafka, intake, "mine");
        theirs = TestApps.create(kafka, intake, "theirs");
        assertThat(intake.post(theirs.appToken(), List.of(frame("app", "web.1", "their secret line"))).statusCode()).isEqualTo(204);
    }

    @Test
    void session_urls_carry_128_random_bits_and_never_repeat() {
        Set<String> nonces = new HashSet<>();
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 1000; i++) {
            LogSession session = LogSession.create(mine.name(), null, null, 100, false, Instant.now().plusSeconds(300));
            assertThat(DECODE.decode(session.nonce())).hasSizeGreaterThanOrEqualTo(16);
            nonces.add(session.nonce());
            ids.add(LogSessionToken.issue(session, SECRET));
        }
        assertThat(nonces).hasSize(1000);
        assertThat(ids).hasSize(1000);
        String id = ids.iterator().next();
        assertThat(DECODE.decode(id.substring(id.indexOf('.') + 1))).as("HMAC-SHA256").hasSize(32);
    }

    @Test
    void a_session_edited_to_name_another_app_is_not_found() throws Exception {
        String id = LogSessionToken.issue(LogSession.create(mine.name(), null, null, 100, false, Instant.now().plusSeconds(300)), SECRET);
        assertThat(get(id, null).statusCode()).isEqualTo(200);

        String payload = new String(DECODE.decode(id.substring(0, id.indexOf('.'))), StandardCharsets.UTF_8);
        String signature = id.substring(id.indexOf('.') + 1);
        String edited = ENCODE.encodeToString(payload.replace(mine.name(), theirs.name()).getBytes(StandardCharsets.UTF_8));
        String theirsId = LogSessionToken.issue(LogSession.create(theirs.name(), null, null, 100, false,
                Instant.now().plusSeconds(300)), "a-secret-the-attacker-made-up".getBytes(StandardCharsets.UTF_8));

        List<String> forged = new ArrayList<>(List.of(
                edited + "." + signature,
                edited + "." + theirsId.substring(theirsId.indexOf('.') + 1),
                theirsId,
                ENCODE.encodeToString(payload.replace(mine.name(), theirs.name()).getBytes(StandardCharsets.UTF_8)),
                id.substring(0, id.indexOf('.')) + ".",
                id + "x",
                id.substring(0, id.length() - 2),
                id.replace('.', '_')));
        for (String attempt : forged) {
            for (String lastEventId : new String[] {null, "0"}) {
                HttpResponse<String> response = get(attempt, lastEventId);
                assertThat(response.statusCode()).as(attempt).isEqualTo(404);
                assertThat(response.body()).as(attempt).contains("\"id\":\"not_found\"").doesNotContain("their secret line");
            }
        }
    }

    @Test
    void a_session_expires_for_a_first_connection_and_after_the_reconnect_window_for_tails() throws Exception {
        Instant now = Instant.now();
        String expired = LogSessionToken.issue(LogSession.create(theirs.name(), null, null, 100, false, now.minusSeconds(1)), SECRET);
        String oldTail = LogSessionToken.issue(LogSession.create(theirs.name(), null, null, 100, true,
                now.minus(Duration.ofHours(25))), SECRET);
        String oldHistory = LogSessionToken.issue(LogSession.create(theirs.name(), null, null, 100, false,
                now.minus(Duration.ofMinutes(10))), SECRET);

        assertThat(get(expired, null).statusCode()).isEqualTo(404);
        assertThat(get(oldTail, null).statusCode()).isEqualTo(404);
        assertThat(get(oldTail, "0").statusCode()).as("past the 24 h reconnect window").isEqualTo(404);
        assertThat(get(oldHistory, "0").statusCode()).as("only tails reconnect").isEqualTo(404);
    }

    private HttpResponse<String> get(String id, String lastEventId) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "sessions/" + id)).timeout(Duration.ofSeconds(20));
        if (lastEventId != null) {
            request.header("Last-Event-ID", lastEventId);
        }
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
