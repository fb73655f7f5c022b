package dev.jp.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jp.cli.ExitCodes;
import dev.jp.cli.Jp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jp logs --tail} through a dropped stream: a local API hands out log sessions whose stream
 * ends after each line, as a dropped connection does; jp must ask for a new session and resume
 * after the last event it printed, so no line is lost or shown twice.
 */
class LogsResumeTest {

    @TempDir
    Path home;

    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();

    @Test
    void a_dropped_tail_resumes_from_the_last_event_id() throws Exception {
        HttpServer api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String url = "http://127.0.0.1:" + api.getAddress().getPort();
        api.createContext("/apps/demo/log-sessions", exchange -> answer(exchange, 201, "application/json",
                "{\"id\":\"s\",\"logplex_url\":\"" + url + "/sessions/s\"}"));
        api.createContext("/sessions/s", exchange -> {
            String last = exchange.getRequestHeaders().getFirst("Last-Event-ID");
            lastEventIds.add(String.valueOf(last));
            int next = last == null ? 1 : Integer.parseInt(last) + 1;
            answer(exchange, 200, "text/event-stream", "id: " + next + "\ndata: line " + next + "\n\n");
        });
        api.start();
        Jp jp = new Jp(Map.of("JP_API_URL", url, "JP_API_KEY", "t", "XDG_CONFIG_HOME", home.toString()), home);
        CompletableFuture<Jp.Result> tail = CompletableFuture.supplyAsync(() -> jp.run("logs", "--tail", "-a", "demo"));
        try {
            await().atMost(Duration.ofSeconds(30)).until(() -> lastEventIds.size() >= 3);
        } finally {
            api.stop(0);
        }
        // With the API gone, the next resume cannot get a session: jp stops, saying so.
        Jp.Result result = tail.get(60, TimeUnit.SECONDS);
        assertThat(lastEventIds.subList(0, 3)).containsExactly("null", "1", "2");
        assertThat(result.out()).startsWith("line 1\nline 2\nline 3\n");
        // Each stream ended cleanly, so the back-off starts again at its shortest each time.
        assertThat(result.err()).startsWith("jp: log stream interrupted; reconnecting in 500 ms\n"
                + "jp: log stream interrupted; reconnecting in 500 ms\n");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNREACHABLE);
    }

    private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
