package dev.jp.runner.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Stands in for log-router's intake: takes {@code application/logplex-1} posts and keeps the lines. */
public final class FakeIntake implements AutoCloseable {

    /**
     * One received line.
     *
     * @param token    the intake token of its request
     * @param priority the syslog PRI
     * @param source   the RFC 5424 APP-NAME ({@code app}, {@code heroku})
     * @param dyno     the PROCID
     * @param message  the line
     */
    public record Line(String token, int priority, String source, String dyno, String message) {
    }

    private final HttpServer server;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    /** The lines in the order log-router would store them: by request stream, then number. */
    private final List<Placed> placed = new CopyOnWriteArrayList<>();
    private final Map<String, Integer> streams = new ConcurrentHashMap<>();
    private final AtomicLong arrivals = new AtomicLong();

    private record Placed(Line line, int stream, long number, long arrival) {
    }
    private final List<String> malformed = new CopyOnWriteArrayList<>();

    public FakeIntake() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/logs", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String user = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8);
            String token = user.substring(user.indexOf(':') + 1);
            List<String> frames = frames(body);
            int declared = Integer.parseInt(exchange.getRequestHeaders().getFirst("Logplex-Msg-Count"));
            if (declared != frames.size() || !"application/logplex-1".equals(exchange.getRequestHeaders().getFirst("Content-Type"))) {
                malformed.add("count " + declared + " for " + frames.size() + " frames");
            }
            long arrival = arrivals.incrementAndGet();
            // The shipper keeps several requests in flight, numbered (stream, n): the order to keep.
            String sequence = exchange.getRequestHeaders().getFirst("Jp-Log-Sequence");
            int stream = sequence == null ? -1 : streams.computeIfAbsent(sequence.split(" ")[0], s -> streams.size());
            long number = sequence == null ? arrival : Long.parseLong(sequence.split(" ")[1]);
            for (String frame : frames) {
                // <PRI>1 TS HOST APP PROCID MSGID - MSG
                String[] parts = frame.split(" ", 8);
                int priority = Integer.parseInt(parts[0].substring(1, parts[0].indexOf('>')));
                Line line = new Line(token, priority, parts[3], parts[4], parts[7]);
                lines.add(line);
                placed.add(new Placed(line, stream, number, arrival));
            }
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public List<Line> lines() {
        return List.copyOf(lines);
    }

    /** The messages of one token and dyno, in the order log-router would store them. */
    public List<String> messages(String token, String dyno) {
        return placed.stream()
                .sorted(Comparator.comparingInt(Placed::stream).thenComparingLong(Placed::number).thenComparingLong(Placed::arrival))
                .map(Placed::line)
                .filter(l -> l.token().equals(token) && l.dyno().equals(dyno)).map(Line::message).toList();
    }

    public List<String> malformed() {
        return List.copyOf(malformed);
    }

    private static List<String> frames(byte[] body) {
        List<String> frames = new ArrayList<>();
        int at = 0;
        while (at < body.length) {
            int space = at;
            while (body[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(body, at, space - at, StandardCharsets.US_ASCII));
            frames.add(new String(body, space + 1, length, StandardCharsets.UTF_8));
            at = space + 1 + length;
        }
        return frames;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
