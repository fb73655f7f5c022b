package dev.jp.logs.testing;

import dev.jp.events.logplex.LogplexFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** A Logplex sender over real HTTP: what runners and platform-api do. */
public final class Intake {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI uri;

    public Intake(URI base) {
        this.uri = base.resolve("/logs");
    }

    public static LogplexFrame frame(String source, String dyno, String message) {
        return new LogplexFrame(LogplexFrame.INFO, LogplexFrame.timestamp(Instant.now()), "host", source, dyno, "-", message);
    }

    public static byte[] body(List<LogplexFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.toOctetCounted()));
        return out.toByteArray();
    }

    public HttpResponse<String> post(String token, byte[] body) {
        return post(token, body, Map.of("Content-Type", "application/logplex-1"));
    }

    public HttpResponse<String> post(String token, List<LogplexFrame> frames) {
        return post(token, body(frames), Map.of("Content-Type", "application/logplex-1",
                "Logplex-Msg-Count", Integer.toString(frames.size())));
    }

    public HttpResponse<String> post(String token, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (token != null) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("token:" + token).getBytes(StandardCharsets.UTF_8)));
        }
        headers.forEach(request::header);
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
