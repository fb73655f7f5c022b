package dev.jp.events.logplex;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Ships log lines to log-router's intake ({@code POST <intake>/logs}, {@code application/logplex-1},
 * Basic auth {@code token:<intake token>}) in batches, from one background thread.
 *
 * <p>{@link #ship} never blocks and never fails: a process's output must not wait for a slow or
 * absent router. Each intake token has a bounded buffer; when it is full the oldest line is
 * dropped, and the next batch carries {@code Error L12: N messages dropped since T}.
 *
 * <p>A batch the router cannot take now (unreachable, 5xx, 429: its Kafka may be down) stays in
 * its token's buffer, counted against the same bound, and is sent again, as the same numbered
 * request, before any later line of the token: one request at a time, after a pause that doubles
 * per failure up to a cap, with jitter ({@link RetryBackoff}). So an outage shorter than the
 * buffer loses nothing, and a longer one loses its oldest lines, counted (L12). Only a batch the
 * router refuses outright (another 4xx) is lost, reported as {@code Error L13: N messages lost
 * since T}. Those notices are {@code heroku} lines sent with the token's <em>notice token</em>
 * (the app's token for platform lines), and they keep counting until one of them is delivered,
 * so a long outage ends in one notice with the full count.
 *
 * <p>Up to {@link Settings#maxInFlightPerToken()} requests of a token are in flight at once, each
 * numbered in the {@code Jp-Log-Sequence} header ({@code <stream> <n>}), by which log-router hands
 * them to storage in order: one request at a time held a busy dyno to one request per round trip.
 * A token's first request goes alone, so the router knows the stream before its successors come.
 */
public final class LogShipper implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(LogShipper.class.getName());
    /** {@code <stream> <n>}: the order in which log-router stores a token's requests. */
    public static final String SEQUENCE_HEADER = "Jp-Log-Sequence";

    private final Settings settings;
    private final URL endpoint;
    private final Clock clock;
    private final Object lock = new Object();
    /** Per intake token, in the order tokens first shipped; guarded by {@link #lock}. */
    private final Map<String, Buffer> buffers = new LinkedHashMap<>();
    private final Thread sender;
    private final ExecutorService deliveries;
    /** Names this shipper's request streams (one per token buffer), unique across shippers and restarts. */
    private final String streamPrefix = UUID.randomUUID().toString();
    /** Guarded by {@link #lock}. */
    private long streams;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong lost = new AtomicLong();
    private final AtomicLong retried = new AtomicLong();
    private final RetryBackoff backoff;
    private boolean closing;

    public LogShipper(Settings settings) {
        this(settings, Clock.systemUTC());
    }

    public LogShipper(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings is required");
        this.clock = Objects.requireNonNull(clock, "clock is required");
        this.backoff = new RetryBackoff(settings.retryBackoff(), settings.maxRetryBackoff());
        try {
            String base = settings.intake().toString().replaceAll("/+$", "");
            this.endpoint = URI.create(base + "/logs").toURL();
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("not an HTTP URL: " + settings.intake(), e);
        }
        AtomicInteger threads = new AtomicInteger();
        this.deliveries = Executors.newCachedThreadPool(task -> {
            Thread thread = new Thread(task, "jp-log-shipper-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.sender = new Thread(this::run, "jp-log-shipper");
        sender.setDaemon(true);
        sender.start();
    }

    /** Queues a line for the token; its L12/L13 notices go with the same token. */
    public void ship(String token, LogplexFrame frame) {
        ship(token, token, frame);
    }

    /**
     * Queues a line for the intake token; never blocks. When this token's buffer is full the oldest
     * queued line is dropped (and reported with {@code noticeToken}).
     */
    public void ship(String token, String noticeToken, LogplexFrame frame) {
        ship(token, noticeToken, frame.toOctetCounted());
    }

    /**
     * {@link #ship(String, String, LogplexFrame)} of a frame already written octet-counted (by
     * {@link LogplexFrame#toOctetCounted(int, String, String, String, String, String, byte[], int, int)}):
     * a dyno's output goes this way, bytes from its pipe to the request body.
     */
    public void ship(String token, String noticeToken, byte[] counted) {
        Objects.requireNonNull(token, "token is required");
        Objects.requireNonNull(noticeToken, "noticeToken is required");
        synchronized (lock) {
            if (closing) {
                dropped.incrementAndGet();
                return;
            }
            Buffer buffer = buffers.computeIfAbsent(token, t -> new Buffer(streamPrefix + "." + streams++));
            buffer.noticeToken = noticeToken;
            if (buffer.queued() >= settings.capacityPerToken()) {
                buffer.dropOldest();
                buffer.dropped.count(clock.instant());
                dropped.incrementAndGet();
            }
            buffer.frames.addLast(counted);
            if (buffer.frames.size() == settings.maxFramesPerPost()) {
                lock.notifyAll();
            }
        }
    }

    /** Lines delivered so far (including notices). */
    public long delivered() {
        return delivered.get();
    }

    /** Lines dropped so far because a buffer was full. */
    public long dropped() {
        return dropped.get();
    }

    /** Lines lost so far because the intake refused them (not those it could not take yet: they are retried). */
    public long lost() {
        return lost.get();
    }

    /** Requests sent again after the intake could not take them. */
    public long retried() {
        return retried.get();
    }

    /** Sends what is queued (one attempt per batch, within the settings' close timeout), then stops. */
    @Override
    public void close() {
        synchronized (lock) {
            closing = true;
            lock.notifyAll();
        }
        try {
            sender.join(settings.closeTimeout().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        sender.interrupt();
        deliveries.shutdown();
    }

    /**
     * Sends a token's lines when a request's worth has gathered and the token may have another
     * request in flight, or when the flush interval is up; deliveries run on pool threads, and
     * each one that ends wakes this loop. At close, what is in flight ends first, then the rest goes
     * from this thread, one attempt per batch.
     */
    private void run() {
        long flushNanos = settings.flushInterval().toNanos();
        long nextFlush = System.nanoTime() + flushNanos;
        while (true) {
            List<Batch> batches;
            boolean last;
            synchronized (lock) {
                try {
                    while (!closing && !anyBatchDue()) {
                        long left = nextFlush - System.nanoTime();
                        if (left <= 0) {
                            break;
                        }
                        TimeUnit.NANOSECONDS.timedWait(lock, left);
                    }
                    while (closing && anyInFlight()) {
                        lock.wait();
                    }
                } catch (InterruptedException e) {
                    return;
                }
                nextFlush = System.nanoTime() + flushNanos;
                last = closing;
                batches = takeBatches();
            }
            if (!last) {
                for (Batch batch : batches) {
                    deliveries.execute(() -> deliver(batch));
                }
                continue;
            }
            for (Batch batch : batches) {
                deliver(batch);
            }
            synchronized (lock) {
                if (buffers.values().stream().allMatch(b -> b.queued() == 0) || Thread.currentThread().isInterrupted()) {
                    return;
                }
            }
        }
    }

    /** Whether a token has a full request's worth and room for another request in flight. */
    private boolean anyBatchDue() {
        for (Buffer buffer : buffers.values()) {
            if (buffer.frames.size() >= settings.maxFramesPerPost() && mayStart(buffer)) {
                return true;
            }
        }
        return false;
    }

    private boolean anyInFlight() {
        return buffers.values().stream().anyMatch(b -> b.inFlight > 0);
    }

    /**
     * A token's first request goes alone; after one is delivered, up to the settings' limit. After
     * a failure, nothing until the back-off pause is over, then one request at a time until one is
     * delivered (while closing, the pause is skipped).
     */
    private boolean mayStart(Buffer buffer) {
        if (!closing && buffer.failures > 0 && System.nanoTime() - buffer.retryAt < 0) {
            return false;
        }
        return buffer.inFlight < (buffer.opened ? settings.maxInFlightPerToken() : 1);
    }

    /** One batch per token that has lines or notices due; the notices first. */
    private List<Batch> takeBatches() {
        Map<String, Batch> byToken = new LinkedHashMap<>();
        Instant now = clock.instant();
        for (Map.Entry<String, Buffer> entry : buffers.entrySet()) {
            Buffer buffer = entry.getValue();
            Buffer noticeOwner = buffers.get(buffer.noticeToken);
            if (noticeOwner != null && (!noticeOwner.held.isEmpty() || !mayStart(noticeOwner))) {
                continue; // its token is backing off: the notices wait with its lines
            }
            if (buffer.dropped.count > 0 && buffer.dropped.inFlight == 0) {
                byToken.computeIfAbsent(buffer.noticeToken, Batch::new)
                        .addNotice(buffer.dropped, notice(now, "Error L12: " + buffer.dropped.count
                                + " messages dropped since " + LogplexFrame.timestamp(buffer.dropped.since)));
            }
            if (buffer.lost.count > 0 && buffer.lost.inFlight == 0) {
                byToken.computeIfAbsent(buffer.noticeToken, Batch::new)
                        .addNotice(buffer.lost, notice(now, "Error L13: " + buffer.lost.count
                                + " messages lost since " + LogplexFrame.timestamp(buffer.lost.since)));
            }
        }
        List<Batch> due = new ArrayList<>();
        for (Map.Entry<String, Buffer> entry : buffers.entrySet()) {
            Buffer buffer = entry.getValue();
            if (!mayStart(buffer)) {
                continue;
            }
            if (!buffer.held.isEmpty()) {
                // A held batch goes again alone, with its number, before any later line of the token.
                Batch again = buffer.held.pollFirstEntry().getValue();
                again.inFlightOf = buffer;
                buffer.inFlight++;
                retried.incrementAndGet();
                due.add(again);
                continue;
            }
            Batch batch = byToken.computeIfAbsent(entry.getKey(), Batch::new);
            batch.lostTo = buffer;
            while (!buffer.frames.isEmpty()
                    && batch.frames.size() < settings.maxFramesPerPost()
                    && (batch.bytes == 0 || batch.bytes + buffer.frames.peekFirst().length <= settings.maxBytesPerPost())) {
                batch.add(buffer.frames.removeFirst());
            }
        }
        for (Batch batch : byToken.values()) {
            if (!batch.frames.isEmpty()) {
                Buffer owner = buffers.get(batch.token);
                if (owner != null) {
                    batch.inFlightOf = owner;
                    batch.number = owner.requests++;
                    batch.sequence = owner.stream + " " + batch.number;
                    owner.inFlight++;
                }
                due.add(batch);
            }
        }
        // Forget tokens with nothing left to say, so an app that went away costs nothing.
        for (Iterator<Buffer> it = buffers.values().iterator(); it.hasNext(); ) {
            Buffer buffer = it.next();
            if (buffer.queued() == 0 && buffer.dropped.count == 0 && buffer.lost.count == 0 && buffer.inFlight == 0) {
                it.remove();
            }
        }
        return due;
    }

    private byte[] notice(Instant now, String message) {
        return new LogplexFrame(LogplexFrame.INFO, LogplexFrame.timestamp(now), settings.host(), "heroku",
                "logplex", "-", message).toOctetCounted();
    }

    /**
     * One attempt. Delivered: the token may have several requests in flight again. Not taken now
     * (unreachable, 5xx, 429): the batch is held in its token's buffer for a retry after a pause,
     * unless the shipper is closing. Refused (another 4xx): its lines are lost (L13).
     */
    private void deliver(Batch batch) {
        int status = post(batch);
        boolean ok = status >= 200 && status < 300;
        boolean retryable = status < 0 || status >= 500 || status == 429;
        int lines = batch.frames.size() - batch.notices.size();
        synchronized (lock) {
            if (batch.inFlightOf != null) {
                batch.inFlightOf.inFlight--;
            }
            if (ok) {
                delivered.addAndGet(batch.frames.size());
                batch.notices.forEach(Reported::settle);
                if (batch.inFlightOf != null) {
                    batch.inFlightOf.opened = true;
                    batch.inFlightOf.failures = 0;
                }
            } else {
                batch.notices.forEach(Reported::unsent);
                if (batch.inFlightOf != null) {
                    Buffer owner = batch.inFlightOf;
                    owner.opened = false;
                    owner.failures++;
                    owner.retryAt = System.nanoTime() + backoff.pauseNanos(owner.failures);
                }
                if (lines > 0 && batch.lostTo != null) {
                    Buffer buffer = buffers.computeIfAbsent(batch.token, t -> batch.lostTo);
                    if (retryable && !closing) {
                        // The notices are made afresh with the counts of the moment; the lines wait their turn.
                        batch.withoutNotices();
                        buffer.held.put(batch.number, batch);
                        LOG.log(Level.FINE, "log intake {0}; {1} lines held for a retry",
                                new Object[] {status < 0 ? "unreachable" : "answered " + status, lines});
                    } else {
                        lost.addAndGet(lines);
                        buffer.lost.count(lines, clock.instant());
                        LOG.log(Level.WARNING, "log intake {0} {1}; {2} lines lost",
                                new Object[] {endpoint, status < 0 ? "unreachable" : "answered " + status, lines});
                    }
                }
            }
            lock.notifyAll();
        }
    }

    /** The HTTP status, or -1 when the router could not be reached. */
    private int post(Batch batch) {
        HttpURLConnection connection = null;
        try {
            byte[] body = batch.body();
            connection = (HttpURLConnection) endpoint.openConnection();
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setConnectTimeout((int) settings.connectTimeout().toMillis());
            connection.setReadTimeout((int) settings.readTimeout().toMillis());
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/logplex-1");
            connection.setRequestProperty("Logplex-Msg-Count", Integer.toString(batch.frames.size()));
            if (batch.sequence != null) {
                connection.setRequestProperty(SEQUENCE_HEADER, batch.sequence);
            }
            connection.setRequestProperty("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("token:" + batch.token).getBytes(StandardCharsets.UTF_8)));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            drain(status < 400 ? connection.getInputStream() : connection.getErrorStream());
            return status;
        } catch (IOException e) {
            return -1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }

    private static void drain(InputStream in) throws IOException {
        if (in != null) {
            try (in) {
                in.readAllBytes();
            }
        }
    }

    /**
     * How the shipper buffers and sends.
     *
     * @param intake           log-router's base URL; lines go to {@code <intake>/logs}
     * @param host             the RFC 5424 host of this shipper's own notices (L12, L13)
     * @param capacityPerToken how many lines wait per intake token before the oldest is dropped
     * @param maxFramesPerPost at most this many lines per request
     * @param maxBytesPerPost  at most this many body bytes per request (a single larger line goes alone)
     * @param maxInFlightPerToken at most this many requests of one token in flight at once
     * @param flushInterval    how long a line may wait for companions before it is sent
     * @param retryBackoff     the pause after a token's first failed request; it doubles per failure in a row
     * @param maxRetryBackoff  the longest such pause (each is drawn between half of it and all of it)
     * @param connectTimeout   TCP connect timeout per request
     * @param readTimeout      response timeout per request
     * @param closeTimeout     how long {@link #close()} may spend sending what is left
     */
    public record Settings(URI intake, String host, int capacityPerToken, int maxFramesPerPost, int maxBytesPerPost,
                           int maxInFlightPerToken, Duration flushInterval, Duration retryBackoff, Duration maxRetryBackoff,
                           Duration connectTimeout, Duration readTimeout, Duration closeTimeout) {

        public Settings {
            Objects.requireNonNull(intake, "intake is required");
            Objects.requireNonNull(host, "host is required");
            if (capacityPerToken < 1 || maxFramesPerPost < 1 || maxBytesPerPost < 1 || maxInFlightPerToken < 1) {
                throw new IllegalArgumentException("capacities and batch limits must be at least 1");
            }
            Objects.requireNonNull(flushInterval, "flushInterval is required");
            Objects.requireNonNull(retryBackoff, "retryBackoff is required");
            Objects.requireNonNull(maxRetryBackoff, "maxRetryBackoff is required");
            Objects.requireNonNull(connectTimeout, "connectTimeout is required");
            Objects.requireNonNull(readTimeout, "readTimeout is required");
            Objects.requireNonNull(closeTimeout, "closeTimeout is required");
        }

        /**
         * 10,000 lines per token, 2,000 lines or 512 KB per request, 4 requests of a token in
         * flight, a flush every 75 ms, a retry after 200 ms doubling to 5 s, 1 s to connect, 15 s
         * for an answer, 2 s to drain at close. A dyno at 20 lines/s rides out 8 minutes of outage
         * without a loss; at 1,000 lines/s, 10 s. With one request in flight a busy dyno shipped one request per
         * round trip (~80,000 lines/s at best on a 2-core bench machine). The answer may take long:
         * log-router answers within ~11 s (a wait for its predecessor, then Kafka's) whether or not
         * it could store the lines, and a sender that gave up sooner would count lines lost that
         * the router then stores.
         */
        public static Settings defaults(URI intake, String host) {
            return new Settings(intake, host, 10_000, 2_000, 512 * 1024, 4, Duration.ofMillis(75),
                    Duration.ofMillis(200), Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(2));
        }

        public Settings withCapacityPerToken(int capacity) {
            return new Settings(intake, host, capacity, maxFramesPerPost, maxBytesPerPost, maxInFlightPerToken, flushInterval,
                    retryBackoff, maxRetryBackoff, connectTimeout, readTimeout, closeTimeout);
        }

        public Settings withMaxFramesPerPost(int frames) {
            return new Settings(intake, host, capacityPerToken, frames, maxBytesPerPost, maxInFlightPerToken, flushInterval,
                    retryBackoff, maxRetryBackoff, connectTimeout, readTimeout, closeTimeout);
        }

        public Settings withMaxInFlightPerToken(int requests) {
            return new Settings(intake, host, capacityPerToken, maxFramesPerPost, maxBytesPerPost, requests, flushInterval,
                    retryBackoff, maxRetryBackoff, connectTimeout, readTimeout, closeTimeout);
        }

        public Settings withFlushInterval(Duration interval) {
            return new Settings(intake, host, capacityPerToken, maxFramesPerPost, maxBytesPerPost, maxInFlightPerToken, interval,
                    retryBackoff, maxRetryBackoff, connectTimeout, readTimeout, closeTimeout);
        }

        public Settings withRetryBackoff(Duration first, Duration max) {
            return new Settings(intake, host, capacityPerToken, maxFramesPerPost, maxBytesPerPost, maxInFlightPerToken, flushInterval,
                    first, max, connectTimeout, readTimeout, closeTimeout);
        }
    }

    /** A token's queued lines and what it has yet to report. */
    private static final class Buffer {
        final ArrayDeque<byte[]> frames = new ArrayDeque<>();
        /** Batches the intake could not take, by request number: older than any line in {@link #frames}. */
        final TreeMap<Long, Batch> held = new TreeMap<>();
        /** Failed requests in a row, and when the next may go (System.nanoTime). */
        int failures;
        long retryAt;
        final Reported dropped = new Reported();
        final Reported lost = new Reported();
        /** The stream its requests are numbered in, and the next number. */
        final String stream;
        long requests;
        int inFlight;
        /** Whether a request of it was delivered, after which several may be in flight. */
        boolean opened;
        String noticeToken;

        Buffer(String stream) {
            this.stream = stream;
        }

        /** Lines waiting, held ones included: what the capacity bounds. */
        int queued() {
            int lines = frames.size();
            for (Batch batch : held.values()) {
                lines += batch.frames.size();
            }
            return lines;
        }

        /** Drops the oldest waiting line: the first of the oldest held batch, else the first queued. */
        void dropOldest() {
            if (held.isEmpty()) {
                frames.removeFirst();
                return;
            }
            Map.Entry<Long, Batch> oldest = held.firstEntry();
            oldest.getValue().removeFirst();
            if (oldest.getValue().frames.isEmpty()) {
                // Its number is never sent; the router waits a bounded time for it, once.
                held.remove(oldest.getKey());
            }
        }
    }

    /** A count of unreported dropped or lost lines, and since when they accumulate. */
    private static final class Reported {
        long count;
        Instant since;
        /** The count a notice in flight carries; settled when that notice is delivered. */
        long inFlight;

        void count(Instant at) {
            count(1, at);
        }

        void count(long lines, Instant at) {
            if (count == 0) {
                since = at;
            }
            count += lines;
        }

        /** The notice carrying the count was not delivered: the count waits for the next one. */
        void unsent() {
            inFlight = 0;
        }

        void settle() {
            count -= inFlight;
            inFlight = 0;
            if (count <= 0) {
                count = 0;
                since = null;
            }
        }
    }

    /** One request's worth of lines for one token. */
    private static final class Batch {
        final String token;
        final List<byte[]> frames = new ArrayList<>();
        final List<Reported> notices = new ArrayList<>();
        Buffer lostTo;
        /** The buffer whose in-flight count and numbering this request takes; null for notices alone. */
        Buffer inFlightOf;
        /** Its number in its token's stream, and the header carrying it; a retry keeps both. */
        long number;
        String sequence;
        int bytes;

        Batch(String token) {
            this.token = token;
        }

        void addNotice(Reported reported, byte[] frame) {
            reported.inFlight = reported.count;
            notices.add(reported);
            add(frame);
        }

        void add(byte[] frame) {
            frames.add(frame);
            bytes += frame.length;
        }

        void removeFirst() {
            bytes -= frames.remove(0).length;
        }

        /** Drops its notices (they lead the batch), which are made afresh for the next request. */
        void withoutNotices() {
            for (int i = 0; i < notices.size(); i++) {
                removeFirst();
            }
            notices.clear();
        }

        byte[] body() {
            byte[] body = new byte[bytes];
            int at = 0;
            for (byte[] frame : frames) {
                System.arraycopy(frame, 0, body, at, frame.length);
                at += frame.length;
            }
            return body;
        }
    }
}
