package dev.jp.cli.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * The platform's side of one attached run, played by the test: a TLS server with a self-signed
 * certificate made by keytool, which checks the secret line, sends the banner, echoes what it is
 * sent until Ctrl-D, then says goodbye and sends the exit-status line.
 */
final class FakeRendezvous implements AutoCloseable {

    private final SSLServerSocket server;
    private final CompletableFuture<String> secret = new CompletableFuture<>();

    private FakeRendezvous(SSLServerSocket server, int exitStatus) {
        this.server = server;
        Thread thread = new Thread(() -> serve(exitStatus), "fake-rendezvous");
        thread.setDaemon(true);
        thread.start();
    }

    /** A key pair and self-signed certificate valid for these subject alternative names, e.g. {@code ip:127.0.0.1}. */
    static Path keyStore(Path dir, String name, String san) throws Exception {
        Path store = dir.resolve(name + ".p12");
        keytool("-genkeypair", "-alias", name, "-keyalg", "RSA", "-keysize", "2048", "-validity", "2", "-dname", "CN=" + name,
                "-ext", "SAN=" + san, "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit");
        return store;
    }

    /** The certificate of a {@link #keyStore}, as the PEM file jp is pointed at. */
    static Path pem(Path store, String name) throws Exception {
        Path pem = store.resolveSibling(name + ".pem");
        keytool("-exportcert", "-rfc", "-alias", name, "-keystore", store.toString(), "-storepass", "changeit", "-file", pem.toString());
        return pem;
    }

    static FakeRendezvous start(Path keyStore, int exitStatus) throws Exception {
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keyStore)) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(managers.getKeyManagers(), null, null);
        SSLServerSocket server = (SSLServerSocket) ssl.getServerSocketFactory().createServerSocket(0, 1, InetAddress.getLoopbackAddress());
        return new FakeRendezvous(server, exitStatus);
    }

    int port() {
        return server.getLocalPort();
    }

    /** The secret line the client sent, once it sent one. */
    String secret() throws Exception {
        return secret.get(20, TimeUnit.SECONDS);
    }

    private void serve(int exitStatus) {
        try (SSLSocket socket = (SSLSocket) server.accept()) {
            InputStream in = socket.getInputStream();
            OutputStream out = socket.getOutputStream();
            secret.complete(readLine(in));
            out.write("rendezvous\r\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            for (int b = in.read(); b != -1 && b != 0x04; b = in.read()) {
                out.write(b);
                out.flush();
            }
            out.write(("bye\n\uFFFF heroku-command-exit-status: " + exitStatus + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            secret.completeExceptionally(e);
        }
    }

    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            line.write(b);
        }
        return line.toString(StandardCharsets.UTF_8);
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process keytool = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (keytool.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + output);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
