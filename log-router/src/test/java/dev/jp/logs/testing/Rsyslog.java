package dev.jp.logs.testing;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real rsyslogd (Debian's {@code rsyslog}), in the foreground as this JVM's child, listening for
 * octet-counted syslog over TCP on a free loopback port and writing each message it gets to a
 * file as {@code HOSTNAME|APP-NAME|PROCID|MSG}. Stopped by its PID.
 */
public final class Rsyslog implements AutoCloseable {

    public static final Path RSYSLOGD = Path.of("/usr/sbin/rsyslogd");

    private final Process process;
    private final Path received;
    private final int port;

    private Rsyslog(Process process, Path received, int port) {
        this.process = process;
        this.received = received;
        this.port = port;
    }

    public static boolean installed() {
        return Files.isExecutable(RSYSLOGD);
    }

    public static Rsyslog start(Path dir) {
        try {
            Files.createDirectories(dir);
            int port = freePort();
            Path received = dir.resolve("received.log");
            Path config = dir.resolve("rsyslog.conf");
            Files.writeString(config, """
                    global(workDirectory="%s" parser.escapeControlCharactersOnReceive="off")
                    module(load="imtcp")
                    input(type="imtcp" port="%d" address="127.0.0.1")
                    template(name="fields" type="string" string="%%hostname%%|%%app-name%%|%%procid%%|%%msg%%\\n")
                    *.* action(type="omfile" file="%s" template="fields")
                    """.formatted(dir, port, received));
            Process process = new ProcessBuilder(RSYSLOGD.toString(), "-n", "-f", config.toString(),
                    "-i", dir.resolve("rsyslogd.pid").toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("rsyslogd.out").toFile()).start();
            Rsyslog rsyslog = new Rsyslog(process, received, port);
            await().atMost(Duration.ofSeconds(20)).until(rsyslog::accepts);
            return rsyslog;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    /** What rsyslog wrote so far, one message per line. */
    public List<String> received() throws IOException {
        return Files.exists(received) ? Files.readAllLines(received, StandardCharsets.UTF_8) : List.of();
    }

    private boolean accepts() {
        if (!process.isAlive()) {
            throw new IllegalStateException("rsyslogd exited with " + process.exitValue());
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
