package dev.jp.logs.drains;

import dev.jp.events.logplex.LogplexFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.function.Consumer;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.jboss.logging.Logger;

/**
 * A syslog drain over TCP or TLS: one long-lived connection carrying RFC 6587 octet-counted
 * frames, {@code <LEN> <PRI>1 TIME d.<token> SOURCE DYNO - - MSG\n} (LEN counts the newline).
 * A TLS drain verifies the certificate and the host name unless its URL ends in {@code #insecure};
 * a failed verification is told to the app's log as Logplex's L14. A broken connection is made
 * again, within the 3 tries a batch gets; each connect goes to the address {@link DrainDestinations}
 * checked, and a refused one is told to the app's log as L16.
 */
final class SyslogDrainSender implements DrainSender {

    private static final Logger LOG = Logger.getLogger(SyslogDrainSender.class);

    private final DrainUrl url;
    private final Duration timeout;
    private final Duration backoff;
    private final Consumer<String> platformLine;
    private final DrainDestinations destinations;
    private Socket socket;
    private OutputStream out;

    SyslogDrainSender(DrainUrl url, Duration timeout, Duration backoff, DrainDestinations destinations,
                      Consumer<String> platformLine) {
        this.url = url;
        this.destinations = destinations;
        this.timeout = timeout;
        this.backoff = backoff;
        this.platformLine = platformLine;
    }

    @Override
    public Outcome send(DrainBatch batch) throws InterruptedException {
        byte[] bytes = frames(batch);
        for (int attempt = 1; ; attempt++) {
            try {
                if (out == null) {
                    connect();
                }
                out.write(bytes);
                out.flush();
                return Outcome.DELIVERED;
            } catch (SSLHandshakeException e) {
                close();
                platformLine.accept("Error L14 (certificate validation): error=\"" + e.getMessage().replace('"', '\'')
                        + "\" uri=\"" + url.uri() + "\"");
                LOG.warnf("drain %s: certificate not valid (%s); %d lines dropped", url.uri(), e.getMessage(), batch.lines());
                return Outcome.FAILED;
            } catch (DrainDestinations.RefusedException e) {
                close();
                return e.report(url, batch.lines(), platformLine);
            } catch (IOException e) {
                close();
                if (attempt == HttpDrainSender.TRIES) {
                    LOG.warnf("drain %s failed %d times (%s); %d lines dropped", url.uri(), attempt, e, batch.lines());
                    return Outcome.FAILED;
                }
                LOG.warnf("drain %s: %s; reconnecting", url.uri(), e);
                Thread.sleep(HttpDrainSender.jittered(backoff.multipliedBy(1L << (attempt - 1))));
            }
        }
    }

    static byte[] frames(DrainBatch batch) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(batch.frames().size() * 160);
        for (LogplexFrame frame : batch.frames()) {
            byte[] line = (frame.toSyslog() + "\n").getBytes(StandardCharsets.UTF_8);
            bytes.writeBytes((line.length + " ").getBytes(StandardCharsets.US_ASCII));
            bytes.writeBytes(line);
        }
        return bytes.toByteArray();
    }

    private void connect() throws IOException {
        InetSocketAddress address = destinations.check(url.host(), url.port());
        Socket plain = new Socket();
        plain.connect(address, (int) timeout.toMillis());
        if (url.kind() == DrainUrl.Kind.SYSLOG_TLS) {
            SSLSocket tls = (SSLSocket) tlsContext().getSocketFactory().createSocket(plain, url.host(), url.port(), true);
            if (!url.insecure()) {
                SSLParameters parameters = tls.getSSLParameters();
                parameters.setEndpointIdentificationAlgorithm("HTTPS");
                tls.setSSLParameters(parameters);
            }
            tls.setSoTimeout((int) timeout.toMillis());
            tls.startHandshake();
            socket = tls;
        } else {
            socket = plain;
        }
        out = socket.getOutputStream();
    }

    private SSLContext tlsContext() throws IOException {
        try {
            if (!url.insecure()) {
                return SSLContext.getDefault();
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, new TrustManager[] {new TrustingEveryone()}, null);
            return context;
        } catch (GeneralSecurityException e) {
            throw new IOException("no TLS", e);
        }
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
        out = null;
    }

    /** What {@code #insecure} asks for: no verification at all. */
    private static final class TrustingEveryone implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
