package dev.jp.logs.lines;

import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Appends lines to {@code logs.<app>}, key = dyno, through one shared producer. */
@ApplicationScoped
public class LogWriter {

    private final KafkaProducer<String, byte[]> producer;

    public LogWriter(KafkaClients kafka) {
        this.producer = kafka.producer();
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
        Callback acked = (metadata, error) -> {
            if (error != null) {
                done.completeExceptionally(error);
            } else if (waiting.decrementAndGet() == 0) {
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
