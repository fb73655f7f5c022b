package dev.jp.logs.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * An HTTPS drain's endpoint, as a real HTTP server on a free loopback port: it records every
 * request and answers with scripted statuses (200 once the script is used up). It may hold one
 * request until released, to play a slow endpoint.
 */
public final class HttpReceiver implements AutoCloseable {

    /** A request as received: lower-case header names. */
    public record Request(String path, Map<String, String> headers, byte[] body) {
    }

    private final HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Queue<Integer> script = new ArrayDeque<>();
    private volatile CountDownLatch hold;
    private final CountDownLatch holding = new CountDownLatch(1);

    public HttpReceiver() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> headers = exchange.getRequestHeaders().entrySet().stream()
                    .collect(Collectors.toMap(e -> e.getKey().toLowerCase(), e -> e.getValue().get(0)));
            requests.add(new Request(exchange.getRequestURI().getPath(), headers, body));
            CountDownLatch gate = hold;
            if (gate != null) {
                hold = null;
                holding.countDown();
                try {
                    gate.await(20, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            int status;
            synchronized (script) {
                status = script.isEmpty() ? 200 : script.poll();
            }
            if (status >= 300 && status < 400) {
                exchange.getResponseHeaders().add("Location", "/elsewhere");
            }
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    public URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** The next requests are answered with these statuses, in order. */
    public void answer(Integer... statuses) {
        synchronized (script) {
            script.addAll(List.of(statuses));
        }
    }

    /** Holds the next request until the returned latch is counted down. */
    public CountDownLatch holdNext() {
        CountDownLatch gate = new CountDownLatch(1);
        hold = gate;
        return gate;
    }

    public boolean isHolding() {
        return holding.getCount() == 0;
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
