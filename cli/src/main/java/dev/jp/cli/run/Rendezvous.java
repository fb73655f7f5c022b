package dev.jp.cli.run;

import dev.jp.cli.CliException;
import dev.jp.cli.ExitCodes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Heroku's rendezvous, the client side: TLS to {@code HOST:PORT} (certificate and host name
 * verified), {@code SECRET\r\n}, the server's {@code rendezvous\r\n} discarded, then a raw byte
 * pipe both ways until the exit-status line (or the server's close, if it never comes).
 */
final class Rendezvous implements AutoCloseable {

    private static final int CONNECT_TIMEOUT_MS = 10_000;
    /** Ctrl-D: what the remote terminal reads as the end of input once a piped stdin ends. */
    private static final int END_OF_TRANSMISSION = 0x04;

    private final String where;
    private final SSLSocket socket;

    private Rendezvous(String where, SSLSocket socket) {
        this.where = where;
        this.socket = socket;
    }

    /** {@code rendezvous://HOST:PORT/SECRET}, connected and past the banner. */
    static Rendezvous open(String attachUrl, SSLContext ssl) {
        URI url = parse(attachUrl);
        String where = url.getHost() + ":" + url.getPort();
        Socket plain = new Socket();
        SSLSocket socket;
        try {
            plain.connect(new InetSocketAddress(url.getHost(), url.getPort()), CONNECT_TIMEOUT_MS);
            socket = (SSLSocket) ssl.getSocketFactory().createSocket(plain, url.getHost(), url.getPort(), true);
        } catch (IOException e) {
            close(plain);
            throw new CliException(ExitCodes.UNREACHABLE, "cannot reach the dyno's rendezvous at " + where + " (" + e.getMessage() + ")");
        }
        try {
            SSLParameters parameters = socket.getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            socket.setSSLParameters(parameters);
            socket.startHandshake();
            OutputStream out = socket.getOutputStream();
            out.write((url.getPath().substring(1) + "\r\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            skipBanner(socket.getInputStream());
            return new Rendezvous(where, socket);
        } catch (SSLException e) {
            close(socket);
            throw CliException.failure("the dyno's rendezvous at " + where + " is not trusted (" + e.getMessage() + "); for a local "
                    + "platform, name its CA in " + RendezvousTrust.ENV + " or as " + RendezvousTrust.CONFIG_KEY + " in jp's config");
        } catch (IOException e) {
            close(socket);
            throw new CliException(ExitCodes.UNREACHABLE, "the dyno's rendezvous at " + where + " closed the connection (" + e.getMessage() + ")");
        }
    }

    private static URI parse(String attachUrl) {
        try {
            URI url = URI.create(attachUrl);
            if ("rendezvous".equals(url.getScheme()) && url.getHost() != null && url.getPort() > 0
                    && url.getPath() != null && url.getPath().length() > 1) {
                return url;
            }
        } catch (IllegalArgumentException e) {
            // the message below says what was expected
        }
        throw CliException.failure("the API answered an attach_url jp cannot use: " + attachUrl + " (expected rendezvous://HOST:PORT/SECRET)");
    }

    /** The server's first line, {@code rendezvous\r\n}, is not the process's output. */
    private static void skipBanner(InputStream in) throws IOException {
        int b;
        do {
            b = in.read();
        } while (b != -1 && b != '\n');
    }

    /**
     * Pipes stdin to the dyno and the dyno's output to {@code out} until the dyno reports its exit
     * status or the connection closes; returns that status, if it came.
     *
     * @param raw whether stdin is a terminal in raw mode; otherwise the end of stdin is sent as Ctrl-D
     */
    OptionalInt pipe(InputStream stdin, OutputStream out, boolean raw) {
        Thread input = new Thread(() -> forward(stdin, raw), "jp-run-stdin");
        input.setDaemon(true);
        input.start();
        ExitStatusFilter output = new ExitStatusFilter(out);
        byte[] buffer = new byte[8192];
        try {
            InputStream in = socket.getInputStream();
            // The status is the last thing a dyno sends, and the server leaves it to the client to
            // hang up first (it waits jp.rendezvous.client-linger for that): done once it is here.
            for (int n = in.read(buffer); n != -1; n = in.read(buffer)) {
                output.write(buffer, n);
                if (output.status().isPresent()) {
                    break;
                }
            }
            output.finish();
        } catch (IOException e) {
            // After the exit status, a close without TLS's close_notify changes nothing.
            if (output.status().isEmpty()) {
                throw new CliException(ExitCodes.UNREACHABLE, "the connection to the dyno's rendezvous at " + where + " broke (" + e.getMessage() + ")");
            }
        }
        return output.status();
    }

    private void forward(InputStream stdin, boolean raw) {
        byte[] buffer = new byte[8192];
        try {
            OutputStream out = socket.getOutputStream();
            for (int n = stdin.read(buffer); n != -1; n = stdin.read(buffer)) {
                out.write(buffer, 0, n);
                out.flush();
            }
            if (!raw) {
                out.write(END_OF_TRANSMISSION);
                out.flush();
            }
        } catch (IOException e) {
            // the dyno closed the connection first: nothing more to send
        }
    }

    @Override
    public void close() {
        close(socket);
    }

    private static void close(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // closing after the end: nothing to report
        }
    }
}
