package dev.jp.logs.bench;

import static org.awaitility.Awaitility.await;

import dev.jp.events.Topics;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logsession.LogSession;
import dev.jp.events.logsession.LogSessionToken;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/**
 * Not part of the build's tests (its name does not end in Test): run it with
 * {@code ./mvnw -o -pl log-router verify -Dtest=TailBench -Dbench.tails=1000 -Dbench.rate=10000}.
 * Prints the raw Kafka producer rate, then intake → tail throughput and the latency from a line's
 * POST to its arrival at each of {@code bench.tails} SSE clients, at {@code bench.rate} lines/s.
 */
@QuarkusTest
class TailBench {

    private static final byte[] SECRET = "test-log-session-secret".getBytes(StandardCharsets.UTF_8);

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    @Test
    void measure() throws Exception {
        int tails = Integer.getInteger("bench.tails", 100);
        int rate = Integer.getInteger("bench.rate", 10_000);
        int seconds = Integer.getInteger("bench.seconds", 5);
        Intake intake = new Intake(base);
        TestApp app = TestApps.create(kafka, intake, "bench");
        String padding = "x".repeat(100);

        long raw = rawProducerRate(app.name(), 200_000, padding);
        System.err.printf("bench: raw Kafka producer: %,d lines/s%n", raw);

        String id = LogSessionToken.issue(LogSession.create(app.name(), null, null, 0, true,
                Instant.now().plusSeconds(300)), SECRET);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        int total = rate * seconds;
        List<long[]> latencies = new ArrayList<>();
        List<AtomicLong> counts = new ArrayList<>();
        for (int t = 0; t < tails; t++) {
            long[] mine = new long[total];
            AtomicLong count = new AtomicLong();
            latencies.add(mine);
            counts.add(count);
            HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(base.resolve("/sessions/" + id)).build(),
                    HttpResponse.BodyHandlers.ofInputStream());
            Thread reader = new Thread(() -> read(response.body(), mine, count), "bench-tail-" + t);
            reader.setDaemon(true);
            reader.start();
        }

        // Batches every 10 ms, as a runner's shipper would.
        int perBatch = Math.max(1, rate / 100);
        long started = System.nanoTime();
        List<CompletableFuture<?>> posts = new ArrayList<>();
        ExecutorService senders = Executors.newFixedThreadPool(16);
        java.util.concurrent.ConcurrentLinkedQueue<Long> postTimes = new java.util.concurrent.ConcurrentLinkedQueue<>();
        for (int sent = 0; sent < total; sent += perBatch) {
            long due = started + (long) sent * 1_000_000_000L / rate;
            // Pacing, not synchronisation: park until the batch is due (a spin would take a core).
            for (long wait = due - System.nanoTime(); wait > 0; wait = due - System.nanoTime()) {
                java.util.concurrent.locks.LockSupport.parkNanos(wait);
            }
            List<LogplexFrame> frames = new ArrayList<>(perBatch);
            long now = System.nanoTime();
            for (int i = 0; i < perBatch; i++) {
                frames.add(Intake.frame("app", "web.1", now + " " + padding));
            }
            byte[] body = Intake.body(frames);
            posts.add(CompletableFuture.runAsync(() -> {
                long before = System.nanoTime();
                intake.post(app.appToken(), body);
                postTimes.add(System.nanoTime() - before);
            }, senders));
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get();
        senders.shutdown();
        await().atMost(Duration.ofSeconds(120)).until(() -> counts.stream().allMatch(c -> c.get() >= total));
        double elapsed = (System.nanoTime() - started) / 1e9;

        long[] post = postTimes.stream().mapToLong(Long::longValue).sorted().toArray();
        System.err.printf("bench: intake POST (%d lines each): p50 %.1f ms, p99 %.1f ms%n", perBatch,
                post[post.length / 2] / 1e6, post[(int) (post.length * 0.99)] / 1e6);
        long[] all = latencies.stream().flatMapToLong(Arrays::stream).sorted().toArray();
        System.err.printf("bench: %d tails, %,d lines at %,d lines/s offered: all tails complete after %.2f s "
                        + "(%,.0f lines/s per tail, %,.0f lines/s delivered in all); latency p50 %.1f ms, p99 %.1f ms; "
                        + "raw Kafka %,d lines/s%n",
                tails, total, rate, elapsed, total / elapsed, (double) total * tails / elapsed,
                all[all.length / 2] / 1e6, all[(int) (all.length * 0.99)] / 1e6, raw);
    }

    private long rawProducerRate(String app, int lines, String padding) throws Exception {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            byte[] value = ("2026-11-21T10:14:40.123456+00:00 app web.1 0 " + padding).getBytes(StandardCharsets.UTF_8);
            producer.send(new ProducerRecord<>(Topics.logs(app), "web.1", value)).get();
            long started = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                producer.send(new ProducerRecord<>(Topics.logs(app), "web.1", value));
            }
            producer.flush();
            long[] sync = new long[200];
            for (int i = 0; i < sync.length; i++) {
                long before = System.nanoTime();
                producer.send(new ProducerRecord<>(Topics.logs(app), "web.1", value)).get();
                sync[i] = System.nanoTime() - before;
            }
            Arrays.sort(sync);
            System.err.printf("bench: one acked send: p50 %.2f ms, p99 %.2f ms%n", sync[100] / 1e6, sync[198] / 1e6);
            return (long) (lines / ((System.nanoTime() - started) / 1e9));
        }
    }

    private static void read(InputStream body, long[] latencies, AtomicLong count) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                int at = line.indexOf("]: ");
                if (line.startsWith("data: ") && at > 0) {
                    long received = System.nanoTime();
                    int space = line.indexOf(' ', at + 3);
                    long sent = Long.parseLong(line.substring(at + 3, space));
                    int n = (int) count.getAndIncrement();
                    if (n < latencies.length) {
                        latencies[n] = received - sent;
                    }
                }
            }
        } catch (Exception closed) {
            // end of the run
        }
    }
}
