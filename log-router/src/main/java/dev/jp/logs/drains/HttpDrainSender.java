package dev.jp.logs.drains;

import dev.jp.events.logplex.LogplexFrame;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * An HTTPS drain, as Logplex does it: POST {@code application/logplex-1} with
 * {@code Logplex-Msg-Count}, {@code Logplex-Frame-Id} (the same for every try of a batch, so a
 * receiver can drop duplicates), {@code Logplex-Drain-Token} and a {@code User-Agent}. 2xx is
 * delivered; 4xx other than 429 is dropped at once, since trying again cannot help; 429, 5xx and
 * timeouts are tried 3 times in all, with jittered, doubling pauses. Redirects are not followed: a
 * drain URL must say where lines go.
 *
 * <p>Each try resolves the host through {@link DrainDestinations} and connects to the address it
 * checked (the Host header, SNI and certificate check still use the name): a client that looked
 * the name up again could be sent elsewhere by then.
 */
final class HttpDrainSender implements DrainSender {

    static final String USER_AGENT = "jp-log-router/0.1 (Logplex-compatible)";
    static final int TRIES = 3;
    private static final Logger LOG = Logger.getLogger(HttpDrainSender.class);

    private final DrainUrl url;
    private final String drainToken;
    private final Duration timeout;
    private final Duration backoff;
    private final DrainDestinations destinations;
    private final Consumer<String> platformLine;
    private final HttpClient http;
    private final boolean tls;
    private final int port;

    HttpDrainSender(DrainUrl url, String drainToken, Duration timeout, Duration backoff, Vertx vertx,
                    DrainDestinations destinations, Consumer<String> platformLine) {
        this.url = url;
        this.drainToken = drainToken;
        this.timeout = timeout;
        this.backoff = backoff;
        this.destinations = destinations;
        this.platformLine = platformLine;
        this.tls = "https".equalsIgnoreCase(url.uri().getScheme());
        this.port = url.port() > 0 ? url.port() : tls ? 443 : 80;
        this.http = vertx.createHttpClient(new HttpClientOptions()
                .setSsl(tls).setVerifyHost(true).setForceSni(true)
                .setConnectTimeout((int) timeout.toMillis())
                .setMaxPoolSize(1));
    }

    @Override
    public Outcome send(DrainBatch batch) throws InterruptedException {
        Buffer body = Buffer.buffer(body(batch));
        for (int attempt = 1; ; attempt++) {
            String failure;
            try {
                int status = post(body, batch, destinations.check(url.host(), port));
                if (status >= 200 && status < 300) {
                    return Outcome.DELIVERED;
                }
                if (status != 429 && status < 500) {
                    LOG.warnf("drain %s refused a batch of %d lines with %d; dropped", url.uri(), batch.lines(), status);
                    return Outcome.REJECTED;
                }
                failure = "status " + status;
            } catch (DrainDestinations.RefusedException e) {
                return e.report(url, batch.lines(), platformLine);
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

    /** The status the drain answered. */
    private int post(Buffer body, DrainBatch batch, InetSocketAddress address) throws IOException, InterruptedException {
        RequestOptions request = new RequestOptions()
                .setMethod(HttpMethod.POST)
                .setServer(SocketAddress.inetSocketAddress(address))
                .setHost(url.host()).setPort(port).setSsl(tls)
                .setURI(pathAndQuery())
                .setFollowRedirects(false)
                .setIdleTimeout(timeout.toMillis())
                .putHeader("Content-Type", "application/logplex-1")
                .putHeader("Logplex-Msg-Count", Integer.toString(batch.frames().size()))
                .putHeader("Logplex-Frame-Id", batch.frameId())
                .putHeader("Logplex-Drain-Token", drainToken)
                .putHeader("User-Agent", USER_AGENT);
        try {
            return http.request(request)
                    .compose(sent -> sent.send(body))
                    // The status is all a drain says: its body (if any) is left to be discarded. Waiting for the
                    // end would attach to a response that may already have ended, which Vert.x refuses.
                    .map(HttpClientResponse::statusCode)
                    .toCompletionStage().toCompletableFuture()
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw new IOException("no answer within " + timeout.multipliedBy(2), e);
        }
    }

    private String pathAndQuery() {
        String path = url.uri().getRawPath() == null || url.uri().getRawPath().isEmpty() ? "/" : url.uri().getRawPath();
        return url.uri().getRawQuery() == null ? path : path + "?" + url.uri().getRawQuery();
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
        http.close();
    }
}
