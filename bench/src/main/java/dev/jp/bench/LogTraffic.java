package dev.jp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.events.AppCreated;
import dev.jp.events.EventCodec;
import dev.jp.events.EventDecodingException;
import dev.jp.events.Topics;
import dev.jp.events.logplex.LogplexFrame;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * What the log measures share: an app's intake token, log sessions, posting lines to the intake
 * as a runner does, and the Kafka limits beside them (a producer configured as log-router's).
 */
final class LogTraffic {

    /** The bench's lines carry this much text after their numbers: a typical app log line. */
    static final String PADDING = "x".repeat(100);

    private LogTraffic() {
    }

    /** The app's {@code app} intake token, from its {@code app.created.v1} in {@code platform.events}. */
    static String intakeToken(String kafka, String app) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "enable.auto.commit", false, "max.poll.records", 1000), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLATFORM_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Instant deadline = Instant.now().plusSeconds(30);
            String token = null;
            while (Instant.now().isBefore(deadline)) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (app.equals(record.key()) && record.value() != null) {
                        try {
                            if (EventCodec.decode(record.value()) instanceof AppCreated created) {
                                token = created.appLogToken();
                            }
                        } catch (EventDecodingException ignored) {
                            // another kind of event
                        }
                    }
                }
                if (token != null && consumer.endOffsets(partitions).entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    return token;
                }
            }
            throw new IllegalStateException("no app.created.v1 for " + app + " in platform.events");
        }
    }

    /** A {@code logplex_url} from the API, as {@code jp logs} gets one. */
    static String logSession(BenchPlatform platform, String app, Map<String, Object> options) throws Exception {
        JsonNode session = platform.api().call("POST", "/apps/" + app + "/log-sessions", options, 201);
        return session.path("logplex_url").asText();
    }

    /** An app with no release: its lines come from the bench through the intake. */
    static String app(BenchPlatform platform, String name) throws Exception {
        platform.api().call("POST", "/apps", Map.of("name", name), 201);
        return name;
    }

    /** {@code POST /logs} as a runner's shipper posts: one batch of {@code app[web.1]} lines. */
    static CompletableFuture<HttpResponse<Void>> post(HttpClient http, String routerUrl, String token, List<String> messages) {
        String timestamp = LogplexFrame.timestamp(Instant.now());
        ByteArrayOutputStream body = new ByteArrayOutputStream(messages.size() * 200);
        for (String message : messages) {
            body.writeBytes(new LogplexFrame(LogplexFrame.INFO, timestamp, "bench", "app", "web.1", "-", message).toOctetCounted());
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create(routerUrl + "/logs"))
                .header("Content-Type", "application/logplex-1")
                .header("Logplex-Msg-Count", Integer.toString(messages.size()))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("token:" + token).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).thenApply(response -> {
            if (response.statusCode() != 204) {
                throw new IllegalStateException("the intake answered " + response.statusCode());
            }
            return response;
        });
    }

    /**
     * Posts {@code rate} lines/s for {@code seconds} in batches every 10 ms, as a busy runner does;
     * each message is {@code <seq> <nanoTime> PADDING}, its time taken just before its POST.
     * Answers the POST durations.
     */
    static List<Long> postAtRate(HttpClient http, String routerUrl, String token, long firstSeq, int rate, double seconds) throws Exception {
        int perBatch = Math.max(1, rate / 100);
        long total = (long) (rate * seconds);
        ConcurrentLinkedQueue<Long> durations = new ConcurrentLinkedQueue<>();
        List<CompletableFuture<?>> posts = new ArrayList<>();
        long started = System.nanoTime();
        for (long sent = 0; sent < total; sent += perBatch) {
            pace(started + sent * 1_000_000_000L / rate);
            long now = System.nanoTime();
            List<String> messages = new ArrayList<>(perBatch);
            for (int i = 0; i < perBatch; i++) {
                messages.add((firstSeq + sent + i) + " " + now + " " + PADDING);
            }
            posts.add(post(http, routerUrl, token, messages).thenRun(() -> durations.add(System.nanoTime() - now)));
        }
        CompletableFuture.allOf(posts.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        return List.copyOf(durations);
    }

    /**
     * Posts a probe line ({@code 0 <nanos> probe}) every 100 ms until {@code following} holds, i.e.
     * every tail has had one: from then on a line posted reaches them live, and the router knows
     * the app. At most 5 minutes: after {@code rebuild} filled {@code platform.events} with a
     * thousand apps, the router creates their topics one by one before it reads this app's.
     */
    static void awaitFollowing(HttpClient http, String routerUrl, String token, BooleanSupplier following) throws Exception {
        Instant deadline = Instant.now().plusSeconds(300);
        while (!following.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("tails did not start following within 5 minutes");
            }
            try {
                post(http, routerUrl, token, List.of("0 " + System.nanoTime() + " probe")).get();
            } catch (java.util.concurrent.ExecutionException notYet) {
                // 401 until the router has read the new app's app.created.v1: probe again.
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    /**
     * Until the router takes the app's lines (it answers 401 before it has read the app's
     * {@code app.created.v1}, and a session of an app it does not know is 404): at most 5 minutes.
     */
    static void awaitKnown(HttpClient http, String routerUrl, String token) {
        Instant deadline = Instant.now().plusSeconds(300);
        while (true) {
            try {
                post(http, routerUrl, token, List.of("0 " + System.nanoTime() + " probe")).get();
                return;
            } catch (Exception notYet) {
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("the router did not take the app's lines within 5 minutes", notYet);
                }
                LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
            }
        }
    }

    /** Parks until {@code dueNanos}: pacing, never a spin that would take a core. */
    static void pace(long dueNanos) {
        for (long wait = dueNanos - System.nanoTime(); wait > 0; wait = dueNanos - System.nanoTime()) {
            LockSupport.parkNanos(wait);
        }
    }

    /** A record value as log-router stores a line ({@code LogLine.encode()}): same size, same bytes. */
    static byte[] recordValue(String message) {
        return ("190 " + LogplexFrame.timestamp(Instant.now()) + " app web.1 " + message).getBytes(StandardCharsets.UTF_8);
    }

    /** A producer configured as log-router's intake producer ({@code KafkaClients.producer()}). */
    static KafkaProducer<String, byte[]> routerLikeProducer(String kafka) {
        return new KafkaProducer<>(Map.of("bootstrap.servers", kafka, "acks", "all", "enable.idempotence", true,
                "linger.ms", 0, "batch.size", 256 * 1024, "compression.type", "none"),
                new StringSerializer(), new ByteArraySerializer());
    }

    static String topic(String kafka, String name) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", kafka))) {
            admin.createTopics(List.of(new NewTopic(name, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
        return name;
    }

    /** The raw producer rate: {@code lines} records of this size sent as fast as acks=all allows. */
    static double rawProducerRate(String kafka, String topic, int lines, byte[] value) throws Exception {
        try (KafkaProducer<String, byte[]> producer = routerLikeProducer(kafka)) {
            producer.send(new ProducerRecord<>(topic, "web.1", value)).get();
            long began = System.nanoTime();
            for (int i = 0; i < lines; i++) {
                producer.send(new ProducerRecord<>(topic, "web.1", value));
            }
            producer.flush();
            return lines / ((System.nanoTime() - began) / 1e9);
        }
    }

    /**
     * Kafka's own producer → consumer latency at {@code rate} records/s: a producer as the
     * router's, a consumer reading the partition's end as a tail's follower does.
     */
    static List<Long> kafkaLatencies(String kafka, String topic, int rate, double seconds) throws Exception {
        TopicPartition partition = new TopicPartition(topic, 0);
        int perBatch = Math.max(1, rate / 100);
        long total = (long) (rate * seconds) / perBatch * perBatch;
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "enable.auto.commit", false, "max.poll.records", 500), new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = routerLikeProducer(kafka)) {
            consumer.assign(List.of(partition));
            consumer.seekToEnd(List.of(partition));
            consumer.position(partition);
            Thread reader = new Thread(() -> {
                long read = 0;
                while (read < total && !Thread.currentThread().isInterrupted()) {
                    try {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                            long now = System.nanoTime();
                            latencies.add(now - Long.parseLong(new String(record.value(), 0, 19, StandardCharsets.US_ASCII).trim()));
                            read++;
                        }
                    } catch (org.apache.kafka.common.errors.InterruptException e) {
                        return;
                    }
                }
            }, "bench-kafka-latency");
            reader.start();
            // The same 10 ms batches as the intake gets, each record stamped as it is sent.
            byte[] pad = recordValue(PADDING);
            long started = System.nanoTime();
            for (long sent = 0; sent < total; sent += perBatch) {
                pace(started + sent * 1_000_000_000L / rate);
                for (int i = 0; i < perBatch; i++) {
                    byte[] value = pad.clone();
                    byte[] now = String.format("%19d", System.nanoTime()).getBytes(StandardCharsets.US_ASCII);
                    System.arraycopy(now, 0, value, 0, now.length);
                    producer.send(new ProducerRecord<>(topic, "web.1", value));
                }
            }
            reader.join(30_000);
            reader.interrupt();
            reader.join(5_000);
        }
        return List.copyOf(latencies);
    }
}
