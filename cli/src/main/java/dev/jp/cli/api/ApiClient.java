package dev.jp.cli.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The platform's REST API over {@link HttpURLConnection}: java.net.http.HttpClient would add about
 * half a second to every cold {@code jp} call. A plain-http GET, what every read is, goes over a
 * bare socket ({@link PlainHttpGet}), cheaper still. Heroku's Accept header, a Bearer token, JSON in and
 * out; every write carries an {@code Idempotency-Key} so a retried request is not applied twice.
 * Errors become {@link ApiException} (the API answered) or {@link Unreachable} (it did not).
 */
public final class ApiClient {

    static final String ACCEPT = "application/vnd.heroku+json; version=3";
    private static final String USER_AGENT = "jp-cli/0.1.0";
    private static final int CONNECT_TIMEOUT_MS = 5_000;
    private static final int READ_TIMEOUT_MS = 120_000;

    private final String baseUrl;
    private final String token;

    public ApiClient(String baseUrl, String token) {
        this.baseUrl = baseUrl.replaceAll("/+$", "");
        this.token = token;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** One answer: status, the headers jp reads, and the parsed body. */
    public record Response(int status, Map<String, String> headers, Node body) {
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    public Node get(String path) {
        return send("GET", path, null, Map.of()).body();
    }

    public Response get(String path, Map<String, String> headers) {
        return send("GET", path, null, headers);
    }

    public Node post(String path, Object body) {
        return send("POST", path, body, Map.of()).body();
    }

    public Node patch(String path, Object body) {
        return send("PATCH", path, body, Map.of()).body();
    }

    public Node delete(String path) {
        return send("DELETE", path, null, Map.of()).body();
    }

    /** A path segment, %-encoded: app names are safe, drain URLs are not. */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    public Response send(String method, String path, Object body, Map<String, String> headers) {
        String url = baseUrl + path;
        if (method.equals("GET")) {
            Optional<Response> plain = plainGet(url, headers);
            if (plain.isPresent()) {
                return plain.get();
            }
        }
        HttpURLConnection connection = open(url, method);
        try {
            connection.setRequestProperty("Accept", ACCEPT);
            connection.setRequestProperty("Authorization", "Bearer " + token);
            connection.setRequestProperty("User-Agent", USER_AGENT);
            headers.forEach(connection::setRequestProperty);
            if (!method.equals("GET") && !method.equals("HEAD")) {
                connection.setRequestProperty("Idempotency-Key", UUID.randomUUID().toString());
            }
            if (body != null) {
                byte[] bytes = Json.write(body).getBytes(StandardCharsets.UTF_8);
                connection.setDoOutput(true);
                connection.setRequestProperty("Content-Type", "application/json");
                connection.setFixedLengthStreamingMode(bytes.length);
                try (OutputStream out = connection.getOutputStream()) {
                    out.write(bytes);
                }
            }
            return read(connection);
        } catch (IOException e) {
            throw new Unreachable(baseUrl, e);
        } finally {
            connection.disconnect();
        }
    }

    /** A GET without HttpURLConnection where {@link PlainHttpGet} takes it; empty where it does not. */
    private Optional<Response> plainGet(String url, Map<String, String> headers) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!PlainHttpGet.takes(uri)) {
            return Optional.empty();
        }
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Accept", ACCEPT);
        all.put("Authorization", "Bearer " + token);
        all.put("User-Agent", USER_AGENT);
        all.putAll(headers);
        try {
            Optional<PlainHttpGet.Answer> answer = PlainHttpGet.get(uri, all, CONNECT_TIMEOUT_MS, READ_TIMEOUT_MS);
            return answer.map(a -> response(a.status(), a.headers(), a.body()));
        } catch (IOException e) {
            throw new Unreachable(baseUrl, e);
        }
    }

    /** PUTs bytes to a URL the API handed out (a slug's blob URL): no token, it carries its own authority. */
    public static int putBytes(String url, byte[] bytes) {
        HttpURLConnection connection = open(url, "PUT");
        try {
            connection.setDoOutput(true);
            connection.setRequestProperty("Content-Type", "application/octet-stream");
            connection.setFixedLengthStreamingMode(bytes.length);
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
            Response response = read(connection);
            return response.status();
        } catch (IOException e) {
            throw new Unreachable(url, e);
        } finally {
            connection.disconnect();
        }
    }

    static HttpURLConnection open(String url, String method) {
        try {
            HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
            connection.setConnectTimeout(CONNECT_TIMEOUT_MS);
            connection.setReadTimeout(READ_TIMEOUT_MS);
            connection.setUseCaches(false);
            setMethod(connection, method);
            return connection;
        } catch (IOException | IllegalArgumentException e) {
            throw new Unreachable(url, e instanceof IOException io ? io : new IOException(e.getMessage()));
        }
    }

    /**
     * HttpURLConnection refuses PATCH, which the Heroku API needs for formation and config vars:
     * such a request goes as a POST with {@code X-HTTP-Method-Override}, which jp's API honours.
     */
    private static void setMethod(HttpURLConnection connection, String method) throws IOException {
        if (method.equals("PATCH")) {
            connection.setRequestMethod("POST");
            connection.setRequestProperty("X-HTTP-Method-Override", "PATCH");
        } else {
            connection.setRequestMethod(method);
        }
    }

    private static Response read(HttpURLConnection connection) throws IOException {
        int status = connection.getResponseCode();
        InputStream stream = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
        String text = stream == null ? "" : new String(stream.readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new LinkedHashMap<>();
        connection.getHeaderFields().forEach((name, values) -> {
            if (name != null && !values.isEmpty()) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), values.get(0));
            }
        });
        return response(status, headers, text);
    }

    /** The answer as jp reads it: JSON (or text) in a Node; an error status as an {@link ApiException}. */
    private static Response response(int status, Map<String, String> headers, String text) {
        Node body = new Node(text.isBlank() ? null : parseOrText(text));
        if (status >= 400) {
            String message = body.text("message");
            throw new ApiException(status, body.text("id"),
                    message.isEmpty() ? "the API answered " + status + (text.isBlank() ? "" : ": " + text.strip()) : message);
        }
        return new Response(status, headers, body);
    }

    private static Object parseOrText(String text) {
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return text;
        }
    }
}
