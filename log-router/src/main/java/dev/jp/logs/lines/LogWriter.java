package dev.jp.logs.lines;

import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Appends lines to {@code logs.<app>}, key = dyno, through one shared producer. */
@ApplicationScoped
public class LogWriter {

    /**
     * A topic the producer stored lines in this recently still has its metadata in the producer
     * (which forgets a topic after 5 idle minutes), so a send to it does not wait for the broker.
     */
    private static final long WARM_NANOS = TimeUnit.MINUTES.toNanos(4);
    /** Far below what the producer's 32 MB buffer holds: a send with this many unacked never waits for room. */
    private static final long MAX_UNACKED_FOR_NO_WAIT = 20_000;

    private final KafkaProducer<String, byte[]> producer;
    private final Map<String, Long> lastStored = new ConcurrentHashMap<>();
    private final AtomicLong unacked = new AtomicLong();

    public LogWriter(KafkaClients kafka) {
        this.producer = kafka.producer();
    }

    /**
     * Whether {@link #append} would return at once for this app: the producer knows the topic and
     * has room. Otherwise it may block (up to the producer's {@code max.block.ms}), which only a
     * worker thread may do.
     */
    public boolean appendsWithoutWaiting(String app) {
        Long stored = lastStored.get(Topics.logs(app));
        return stored != null && System.nanoTime() - stored < WARM_NANOS && unacked.get() < MAX_UNACKED_FOR_NO_WAIT;
    }

    /**
     * Completes when every line is stored (acks=all), or exceptionally with the first failure: one
     * future and a countdown for the whole request rather than a future per line.
     */
    public CompletableFuture<Void> append(String app, List<LogLine> lines) {
        String topic = Topics.logs(app);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (lines.isEmpty()) {
            done.complete(null);
            return done;
        }
        AtomicInteger waiting = new AtomicInteger(lines.size());
        unacked.addAndGet(lines.size());
        Callback acked = (metadata, error) -> {
            unacked.decrementAndGet();
            if (error != null) {
                done.completeExceptionally(error);
            } else if (waiting.decrementAndGet() == 0) {
                lastStored.put(topic, System.nanoTime());
                done.complete(null);
            }
        };
        for (LogLine line : lines) {
            producer.send(new ProducerRecord<>(topic, line.dyno(), line.encode()), acked);
        }
        return done;
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
