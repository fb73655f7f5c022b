package dev.jp.logs.drains;

import dev.jp.events.logplex.LogplexFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * An HTTPS drain, as Logplex does it: POST {@code application/logplex-1} with
 * {@code Logplex-Msg-Count}, {@code Logplex-Frame-Id} (the same for every try of a batch, so a
 * receiver can drop duplicates), {@code Logplex-Drain-Token} and a {@code User-Agent}. 2xx is
 * delivered; 4xx other than 429 is dropped at once, since trying again cannot help; 429, 5xx and
 * timeouts are tried 3 times in all, with jittered, doubling pauses. Redirects are not followed: a
 * drain URL must say where lines go.
 */
final class HttpDrainSender implements DrainSender {

    static final String USER_AGENT = "jp-log-router/0.1 (Logplex-compatible)";
    static final int TRIES = 3;
    private static final Logger LOG = Logger.getLogger(HttpDrainSender.class);

    private final DrainUrl url;
    private final String drainToken;
    private final Duration timeout;
    private final Duration backoff;
    private final HttpClient http;

    HttpDrainSender(DrainUrl url, String drainToken, Duration timeout, Duration backoff) {
        this.url = url;
        this.drainToken = drainToken;
        this.timeout = timeout;
        this.backoff = backoff;
        this.http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).connectTimeout(timeout).build();
    }

    @Override
    public Outcome send(DrainBatch batch) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(url.uri())
                .timeout(timeout)
                .header("Content-Type", "application/logplex-1")
                .header("Logplex-Msg-Count", Integer.toString(batch.frames().size()))
                .header("Logplex-Frame-Id", batch.frameId())
                .header("Logplex-Drain-Token", drainToken)
                .header("User-Agent", USER_AGENT)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(batch)))
                .build();
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return Outcome.DELIVERED;
                }
                if (status != 429 && status < 500) {
                    LOG.warnf("drain %s refused a batch of %d lines with %d; dropped", url.uri(), batch.lines(), status);
                    return Outcome.REJECTED;
                }
                failure = "status " + status;
            } catch (IOException e) {
                failure = e.toString();
            }
            if (attempt == TRIES) {
                LOG.warnf("drain %s failed %d times (%s); %d lines dropped", url.uri(), TRIES, failure, batch.lines());
                return Outcome.FAILED;
            }
            LOG.warnf("drain %s: %s; retrying", url.uri(), failure);
            Thread.sleep(jittered(backoff.multipliedBy(1L << (attempt - 1))));
        }
    }

    static byte[] body(DrainBatch batch) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(batch.frames().size() * 160);
        for (LogplexFrame frame : batch.frames()) {
            out.writeBytes(frame.toOctetCounted());
        }
        return out.toByteArray();
    }

    /** ±25 %, so drains that failed together do not retry together. */
    static long jittered(Duration pause) {
        long millis = Math.max(1, pause.toMillis());
        return millis * 3 / 4 + ThreadLocalRandom.current().nextLong(millis / 2 + 1);
    }

    @Override
    public void close() {
        // HttpClient frees its connections when unreachable.
    }
}
