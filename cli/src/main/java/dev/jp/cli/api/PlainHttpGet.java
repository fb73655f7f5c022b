package dev.jp.cli.api;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A GET over plain HTTP/1.1 on a socket, one request per connection. Every {@code jp} read is one
 * GET in a fresh JVM, where HttpURLConnection's first use (its logging, proxy and handler look-ups,
 * keep-alive machinery) cost about 35 ms of CPU, a quarter of a cold {@code jp ps}. Only the plain
 * case is taken: an {@code http} URL without a proxy configured, answered with a length, chunks or
 * a closed connection, and not a redirect; anything else is left to HttpURLConnection (empty).
 */
final class PlainHttpGet {

    private PlainHttpGet() {
    }

    /** What came back. */
    record Answer(int status, Map<String, String> headers, String body) {
    }

    /** Whether this URL may be fetched here: plain http, no proxy the JDK would use. */
    static boolean takes(URI uri) {
        return "http".equals(uri.getScheme()) && uri.getHost() != null && uri.getRawUserInfo() == null
                && System.getProperty("http.proxyHost") == null && !Boolean.getBoolean("java.net.useSystemProxies");
    }

    /** The answer, or empty when it is one for HttpURLConnection (a redirect, an unusual framing). */
    static Optional<Answer> get(URI uri, Map<String, String> headers, int connectTimeoutMs, int readTimeoutMs) throws IOException {
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(uri.getHost(), port), connectTimeoutMs);
            socket.setSoTimeout(readTimeoutMs);
            StringBuilder request = new StringBuilder("GET ")
                    .append(uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath())
                    .append(uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery())
                    .append(" HTTP/1.1\r\nHost: ").append(uri.getHost()).append(uri.getPort() < 0 ? "" : ":" + port)
                    .append("\r\nConnection: close\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            OutputStream out = socket.getOutputStream();
            out.write(request.append("\r\n").toString().getBytes(StandardCharsets.UTF_8));
            out.flush();
            return read(new BufferedInputStream(socket.getInputStream()));
        }
    }

    static Optional<Answer> read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP answer: " + statusLine);
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.putIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
            }
        }
        if (status / 100 == 3 || status / 100 == 1) {
            return Optional.empty();
        }
        String encoding = headers.get("transfer-encoding");
        String length = headers.get("content-length");
        byte[] body;
        if (encoding != null) {
            if (!encoding.equalsIgnoreCase("chunked")) {
                return Optional.empty();
            }
            body = chunks(in);
        } else if (length != null) {
            body = in.readNBytes(Integer.parseInt(length));
            if (body.length < Integer.parseInt(length)) {
                throw new IOException("the connection closed in the middle of an answer");
            }
        } else {
            body = in.readAllBytes();
        }
        return Optional.of(new Answer(status, headers, new String(body, StandardCharsets.UTF_8)));
    }

    private static byte[] chunks(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String size = line(in);
            int semicolon = size.indexOf(';');
            int length = Integer.parseInt((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
            if (length == 0) {
                return body.toByteArray();
            }
            body.write(in.readNBytes(length));
            line(in);
        }
    }

    /** One header line without its CRLF; the connection ending early is an error. */
    private static String line(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the connection closed in the middle of an answer");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
