package dev.jp.reliability.support;

import com.sun.net.httpserver.HttpServer;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logplex.LogplexParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;

/** An HTTPS drain's far end, in the test: takes logplex-1 batches on 127.0.0.1 and keeps every frame. */
public final class DrainReceiver implements AutoCloseable {

    private final HttpServer server;
    private final List<LogplexFrame> frames = new ArrayList<>();

    public DrainReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(2));
        server.createContext("/", exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
                List<LogplexFrame> batch = LogplexParser.parseBody(body.readAllBytes());
                synchronized (frames) {
                    frames.addAll(batch);
                }
                exchange.sendResponseHeaders(204, -1);
            } catch (Exception malformed) {
                exchange.sendResponseHeaders(400, -1);
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/drain";
    }

    public List<LogplexFrame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
