package dev.jp.logs.lines;

import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Appends lines to {@code logs.<app>}, key = dyno, through one shared producer. */
@ApplicationScoped
public class LogWriter {

    private final KafkaProducer<String, byte[]> producer;

    public LogWriter(KafkaClients kafka) {
        this.producer = kafka.producer();
    }

    /** Completes when every line is stored (acks=all), or exceptionally if any is not. */
    public CompletableFuture<Void> append(String app, List<LogLine> lines) {
        String topic = Topics.logs(app);
        CompletableFuture<?>[] sent = new CompletableFuture<?>[lines.size()];
        for (int i = 0; i < lines.size(); i++) {
            LogLine line = lines.get(i);
            CompletableFuture<Void> done = new CompletableFuture<>();
            producer.send(new ProducerRecord<>(topic, line.dyno(), line.encode()), (metadata, error) -> {
                if (error == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(error);
                }
            });
            sent[i] = done;
        }
        return CompletableFuture.allOf(sent);
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
