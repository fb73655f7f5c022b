package dev.jp.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The SSE framing as log-router writes it, served by a local HTTP server that records what the client sent. */
class EventStreamTest {

    private HttpServer server;
    private final List<String> lastEventIds = new CopyOnWriteArrayList<>();
    private String url;

    @BeforeEach
    void serve() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sessions/s", exchange -> {
            lastEventIds.add(String.valueOf(exchange.getRequestHeaders().getFirst("Last-Event-ID")));
            byte[] body = """
                    : heartbeat

                    id: 7
                    data: 2026-11-21T10:14:40.123456+00:00 app[web.1]: hello

                    id: 8
                    data: first
                    data: second

                    """.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/sessions/gone", exchange -> {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
        });
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void reads_ids_and_data_and_skips_heartbeats() throws Exception {
        List<String> events = new ArrayList<>();
        EventStream.read(url + "/sessions/s", null, (id, data) -> events.add(id + " " + data));
        assertThat(events).containsExactly("7 2026-11-21T10:14:40.123456+00:00 app[web.1]: hello", "8 first\nsecond");
    }

    @Test
    void a_resume_sends_the_last_event_id() throws Exception {
        EventStream.read(url + "/sessions/s", "8", (id, data) -> { });
        assertThat(lastEventIds).containsExactly("8");
    }

    @Test
    void a_refused_session_says_so() {
        assertThatThrownBy(() -> EventStream.read(url + "/sessions/gone", null, (id, data) -> { }))
                .isInstanceOf(EventStream.Rejected.class).hasMessageContaining("404");
    }
}
