package dev.jp.events.logsession;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class LogSessionTokenTest {

    private static final byte[] SECRET = "s3cret-shared-by-api-and-router".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

    private static LogSession session() {
        return LogSession.create("demo", "web", "app", 1500, true, NOW.plusSeconds(300));
    }

    @Test
    void a_token_verifies_back_to_its_session_until_it_expires() {
        LogSession session = session();
        String id = LogSessionToken.issue(session, SECRET);

        assertThat(id).matches("[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+");
        assertThat(LogSessionToken.verify(id, SECRET, NOW)).contains(session);
        assertThat(LogSessionToken.verify(id, SECRET, NOW.plusSeconds(300))).contains(session);
        assertThat(LogSessionToken.verify(id, SECRET, NOW.plusSeconds(301))).isEmpty();
    }

    @Test
    void keeps_null_filters_null() {
        LogSession all = LogSession.create("demo", null, null, 0, false, NOW.plusSeconds(60));

        assertThat(LogSessionToken.verify(LogSessionToken.issue(all, SECRET), SECRET, NOW)).contains(all);
    }

    @Test
    void two_sessions_never_share_a_url() {
        assertThat(LogSessionToken.issue(session(), SECRET)).isNotEqualTo(LogSessionToken.issue(session(), SECRET));
        assertThat(Base64.getUrlDecoder().decode(session().nonce())).hasSize(16);
    }

    @Test
    void an_edited_token_does_not_verify() {
        String id = LogSessionToken.issue(session(), SECRET);
        String payload = new String(Base64.getUrlDecoder().decode(id.substring(0, id.indexOf('.'))),
                StandardCharsets.UTF_8);
        String otherApp = Base64.getUrlEncoder().withoutPadding()
                .encodeToString(payload.replace("demo", "victim").getBytes(StandardCharsets.UTF_8));

        assertThat(LogSessionToken.verify(otherApp + id.substring(id.indexOf('.')), SECRET, NOW)).isEmpty();
    }

    @Test
    void a_token_signed_with_another_secret_or_garbage_does_not_verify() {
        String id = LogSessionToken.issue(session(), "another".getBytes(StandardCharsets.UTF_8));

        assertThat(LogSessionToken.verify(id, SECRET, NOW)).isEmpty();
        assertThat(LogSessionToken.verify("not-a-token", SECRET, NOW)).isEmpty();
        assertThat(LogSessionToken.verify("a.b.c", SECRET, NOW)).isEmpty();
        assertThat(LogSessionToken.verify("!!.??", SECRET, NOW)).isEmpty();
        assertThat(LogSessionToken.verify(null, SECRET, NOW)).isEmpty();
    }
}
