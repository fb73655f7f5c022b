package dev.jp.reliability.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * A {@code heroku logs --tail} in the test: reads the {@code logplex_url} as Server-Sent Events and,
 * when the stream drops, reconnects with {@code Last-Event-ID} as the Heroku CLI does (the CLI waits
 * 3 s; this one waits {@code reconnectDelay}). A paused tail stops reading, as a stuck terminal would.
 */
public final class SseTail implements AutoCloseable {

    private static final Pattern L11 = Pattern.compile("Error L11 \\(Tail buffer overflow\\) -> This tail session dropped (\\d+) messages");

    /** One event: its id (the line's offset in {@code logs.<app>}) and its data (the rendered line). */
    public record Event(long id, String data) {
    }

    private final String url;
    private final Duration reconnectDelay;
    private final List<Event> events = new ArrayList<>();
    private final AtomicInteger connections = new AtomicInteger();
    /** Lines the router said it dropped for this tail (Logplex's L11, an event without an id). */
    private final AtomicLong reportedDropped = new AtomicLong();
    private final Thread reader;
    private volatile boolean paused;
    private volatile boolean closed;
    private volatile HttpURLConnection current;
    private volatile Long lastId;

    public SseTail(String url, Duration reconnectDelay) {
        this.url = url;
        this.reconnectDelay = reconnectDelay;
        this.reader = new Thread(this::run, "sse-tail");
        reader.setDaemon(true);
        reader.start();
    }

    private void run() {
        while (!closed) {
            try {
                HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
                current = connection;
                connection.setRequestProperty("Accept", "text/event-stream");
                if (lastId != null) {
                    connection.setRequestProperty("Last-Event-ID", Long.toString(lastId));
                }
                connection.setConnectTimeout(2000);
                connection.setReadTimeout(30_000);
                if (connection.getResponseCode() == 200) {
                    connections.incrementAndGet();
                    read(connection);
                }
            } catch (IOException dropped) {
                // The router went away: reconnect below, as the CLI does.
            }
            LockSupport.parkNanos(reconnectDelay.toNanos());
        }
    }

    private void read(HttpURLConnection connection) throws IOException {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
            Long id = null;
            StringBuilder data = new StringBuilder();
            String line;
            while (!closed && (line = in.readLine()) != null) {
                while (paused && !closed) {
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
                if (line.isEmpty()) {
                    Matcher l11 = L11.matcher(data);
                    if (id == null && l11.find()) {
                        reportedDropped.addAndGet(Long.parseLong(l11.group(1)));
                    }
                    if (id != null) {
                        synchronized (events) {
                            events.add(new Event(id, data.toString()));
                        }
                        lastId = id;
                    }
                    id = null;
                    data.setLength(0);
                } else if (line.startsWith("id:")) {
                    id = Long.parseLong(line.substring(3).trim());
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5).stripLeading());
                }
            }
        }
    }

    public List<Event> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /** The sum of the counts in the L11 notices this tail got: lines the router dropped for it. */
    public long reportedDropped() {
        return reportedDropped.get();
    }

    /** How many times a stream was opened (1 + reconnects). */
    public int connections() {
        return connections.get();
    }

    /** Stops reading (the connection stays open and fills up), or reads again. */
    public void pause(boolean pause) {
        this.paused = pause;
    }

    /**
     * Stops reading and drops the connection without waiting: {@code disconnect} waits for the
     * chunked stream's lock, which the reader holds while blocked in a read of an idle stream (up to
     * its 30 s read timeout), so a hundred tails closed one after the other took most of an hour.
     */
    @Override
    public void close() {
        closed = true;
        paused = false;
        HttpURLConnection connection = current;
        if (connection != null) {
            Thread disconnect = new Thread(connection::disconnect, "sse-tail-close");
            disconnect.setDaemon(true);
            disconnect.start();
        }
    }
}
