package dev.jp.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/** A JSON client of the jp API as a CI script uses it: bearer token, any header, status and time kept. */
public final class Api {

    public static final ObjectMapper JSON = new ObjectMapper();

    /** One answer: its status, its body as JSON (null node when empty or not JSON), a header, and how long it took. */
    public record Reply(int status, JsonNode body, String etag, Duration took) {

        public boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final String base;
    private final String token;
    private final HttpClient http;

    public Api(String base, String token) {
        this.base = base;
        this.token = token;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5)).build();
    }

    public Reply send(String method, String path, Object body, Map<String, String> headers, Duration timeout) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout)
                    .header("Authorization", "Bearer " + token)
                    .header("Accept", "application/vnd.heroku+json; version=3")
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            long began = System.nanoTime();
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Duration took = Duration.ofNanos(System.nanoTime() - began);
            return new Reply(response.statusCode(), parse(response.body()),
                    response.headers().firstValue("ETag").orElse(null), took);
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply send(String method, String path, Object body) {
        return send(method, path, body, Map.of(), Duration.ofSeconds(60));
    }

    /** The body of a call that must answer {@code expected}. */
    public JsonNode call(String method, String path, Object body, int expected) {
        Reply reply = send(method, path, body);
        if (reply.status() != expected) {
            throw new AssertionError(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    /**
     * A write as a careful client makes it: with an {@code Idempotency-Key}, and retried under that
     * same key while the API answers 503 (the event log unavailable, or "recorded but not yet
     * applied", as while a restarted API's projector rejoins its group), for at most a minute.
     */
    public JsonNode write(String method, String path, Object body, int expected) {
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        Reply reply = send(method, path, body, key, Duration.ofSeconds(60));
        while (reply.status() == 503 && System.nanoTime() < deadline) {
            reply = send(method, path, body, key, Duration.ofSeconds(60));
        }
        if (reply.status() != expected) {
            throw new AssertionError(method + " " + path + " answered " + reply.status() + ": " + reply.body());
        }
        return reply.body();
    }

    public JsonNode get(String path) {
        return call("GET", path, null, 200);
    }

    private static JsonNode parse(String text) {
        if (text == null || text.isBlank()) {
            return JSON.nullNode();
        }
        try {
            return JSON.readTree(text);
        } catch (IOException notJson) {
            return JSON.getNodeFactory().textNode(text);
        }
    }
}
