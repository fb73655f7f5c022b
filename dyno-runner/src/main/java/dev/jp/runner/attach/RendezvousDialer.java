package dev.jp.runner.attach;

import dev.jp.events.rendezvous.RendezvousProtocol;
import dev.jp.events.rendezvous.RendezvousUrl;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * The dyno's side of the rendezvous: a TLS connection (the server's certificate checked against
 * the configured CA and the URL's host), the line {@code dyno SECRET}, then a wait for the
 * server's {@link RendezvousProtocol#BANNER}, which says the user is there.
 */
public final class RendezvousDialer {

    private static final byte[] BANNER = RendezvousProtocol.BANNER.getBytes(StandardCharsets.US_ASCII);

    private final SSLSocketFactory sockets;
    private final Duration patience;

    /**
     * @param caPem the rendezvous certificate to trust; empty: the JDK's trusted CAs
     * @param patience how long to wait for the user before giving up
     */
    public RendezvousDialer(Optional<Path> caPem, Duration patience) {
        this.sockets = caPem.map(RendezvousDialer::trusting).orElseGet(() -> (SSLSocketFactory) SSLSocketFactory.getDefault());
        this.patience = patience;
    }

    private static SSLSocketFactory trusting(Path caPem) {
        try (InputStream pem = Files.newInputStream(caPem)) {
            KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
            trusted.load(null, null);
            int i = 0;
            for (var certificate : CertificateFactory.getInstance("X.509").generateCertificates(pem)) {
                trusted.setCertificateEntry("rendezvous-" + i++, certificate);
            }
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context.getSocketFactory();
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read the rendezvous CA " + caPem + ": " + e.getMessage(), e);
        }
    }

    /** Connects and waits until the user is there; the terminal is then a raw pipe to them. */
    public Terminal dial(String rendezvousUrl) throws AttachFailed {
        RendezvousUrl url = RendezvousUrl.parse(rendezvousUrl);
        Socket plain = new Socket();
        SSLSocket socket = null;
        try {
            plain.connect(new InetSocketAddress(url.host(), url.port()), (int) Math.min(patience.toMillis(), 10_000));
            socket = (SSLSocket) sockets.createSocket(plain, url.host(), url.port(), true);
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.setSoTimeout((int) Math.max(1, patience.toMillis()));
            socket.startHandshake();
            socket.getOutputStream().write((RendezvousProtocol.DYNO_PREFIX + url.secret() + "\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            byte[] banner = socket.getInputStream().readNBytes(BANNER.length);
            if (!Arrays.equals(banner, BANNER)) {
                throw new AttachFailed("the rendezvous at " + url.host() + ":" + url.port() + " refused this dyno");
            }
            socket.setSoTimeout(0);
            return new Terminal(socket);
        } catch (SocketTimeoutException e) {
            close(plain);
            throw new AttachFailed("nobody attached within " + patience.toSeconds() + " seconds");
        } catch (AttachFailed e) {
            close(plain);
            throw e;
        } catch (IOException e) {
            close(plain);
            throw new AttachFailed("cannot reach the rendezvous at " + url.host() + ":" + url.port() + ": " + e.getMessage(), e);
        }
    }

    private static void close(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // Already broken.
            }
        }
    }
}
