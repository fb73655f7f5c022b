package dev.jp.runner.attach;

import dev.jp.events.rendezvous.RendezvousCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;

/**
 * Plays platform-api's rendezvous and the user at once (the runner's outside peer): TLS with a
 * keytool-made certificate, reads {@code dyno SECRET}, and for a secret the test expects answers the
 * banner at once, handing the connection to the test as the user's terminal; any other secret is
 * held without an answer, as a rendezvous whose user never comes.
 */
final class FakeRendezvous implements AutoCloseable {

    private final SSLServerSocket server;
    private final RendezvousCertificate certificate;
    private final Map<String, BlockingQueue<Socket>> dynos = new ConcurrentHashMap<>();

    FakeRendezvous(Path dir) throws Exception {
        certificate = RendezvousCertificate.loadOrCreate(dir.resolve("rendezvous.p12"), "test-password",
                dir.resolve("rendezvous-ca.pem"), List.of());
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(certificate.keyStore())) {
            keys.load(in, certificate.password().toCharArray());
        }
        KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        factory.init(keys, certificate.password().toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(factory.getKeyManagers(), null, null);
        server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread accept = new Thread(this::acceptLoop, "fake-rendezvous");
        accept.setDaemon(true);
        accept.start();
    }

    Path caPem() {
        return certificate.caPem();
    }

    String url(String secret) {
        return "rendezvous://127.0.0.1:" + server.getLocalPort() + "/" + secret;
    }

    /** Expects a dyno with this secret: it gets the banner as soon as it arrives. */
    void expect(String secret) {
        dynos.put(secret, new LinkedBlockingQueue<>());
    }

    /** The user's end of the expected dyno's connection, once the dyno arrived. */
    Socket user(String secret) throws InterruptedException {
        Socket socket = dynos.get(secret).poll(60, TimeUnit.SECONDS);
        if (socket == null) {
            throw new AssertionError("the dyno never came to the rendezvous");
        }
        return socket;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread arrival = new Thread(() -> arrived(socket), "fake-rendezvous-arrival");
                arrival.setDaemon(true);
                arrival.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void arrived(Socket socket) {
        try {
            String line = line(socket.getInputStream());
            if (!line.startsWith("dyno ")) {
                socket.close();
                return;
            }
            BlockingQueue<Socket> waiting = dynos.get(line.substring(5));
            if (waiting != null) {
                socket.getOutputStream().write("rendezvous\r\n".getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
                waiting.add(socket);
            } // else: held open, unanswered, until the dyno gives up
        } catch (IOException e) {
            // The dyno went away.
        }
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != -1 && b != '\n') {
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
