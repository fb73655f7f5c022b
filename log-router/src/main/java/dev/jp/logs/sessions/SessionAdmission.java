package dev.jp.logs.sessions;

import dev.jp.events.logsession.LogSession;
import dev.jp.events.logsession.LogSessionToken;
import dev.jp.logs.LogRouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Which {@code logplex_url}s this router serves. A first connection must come before the session's
 * {@code expiresAt} (platform-api: 5 minutes after it was handed out). A tail that reconnects with
 * {@code Last-Event-ID} (the CLI does, 3 s after a stream drops) is let in until
 * {@code expiresAt + jp.tail.reconnect-window} (24 h by default): a tail may run for hours, and
 * that bounds how long a leaked URL stays useful. The token is stateless, so "first" cannot be
 * checked: a URL that was never used simply needs the Last-Event-ID a real client would send.
 */
@ApplicationScoped
public class SessionAdmission {

    private static final Logger LOG = Logger.getLogger(SessionAdmission.class);

    private final byte[] secret;
    private final LogRouterConfig config;

    public SessionAdmission(LogRouterConfig config) {
        this.config = config;
        this.secret = config.logSessionSecret().filter(s -> !s.isBlank())
                .map(s -> s.getBytes(StandardCharsets.UTF_8))
                .orElseGet(SessionAdmission::randomSecret);
    }

    Optional<LogSession> admit(String id, boolean reconnecting, Instant now) {
        Optional<LogSession> session = LogSessionToken.verify(id, secret, now);
        if (session.isEmpty() && reconnecting) {
            session = LogSessionToken.verify(id, secret, now.minus(config.tail().reconnectWindow()))
                    .filter(LogSession::tail);
        }
        return session;
    }

    private static byte[] randomSecret() {
        LOG.warn("jp.log-session-secret (JP_LOG_SESSION_SECRET) is not set: using a random one, so no "
                + "logplex_url from platform-api will work on this node");
        byte[] random = new byte[32];
        new SecureRandom().nextBytes(random);
        return Base64.getEncoder().encode(random);
    }
}
