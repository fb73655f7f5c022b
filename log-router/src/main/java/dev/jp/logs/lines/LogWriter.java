package dev.jp.logs.lines;

import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Appends lines to {@code logs.<app>}, key = dyno, through one shared producer. */
@ApplicationScoped
public class LogWriter {

    private final KafkaProducer<String, byte[]> producer;

    public LogWriter(KafkaClients kafka) {
        this.producer = kafka.producer();
    }

    /**
     * Completes when every line is stored (acks=all), or exceptionally when any could not be: one
     * future and a countdown for the whole request rather than a future per line.
     *
     * <p>It completes only once the producer has settled <em>every</em> line, so a failure means
     * no line of the request is still on its way: an answer of 503 must never be followed by the
     * lines turning up in the topic after the sender has counted them lost (and sent them again).
     * The producer settles each line within its delivery timeout ({@link KafkaClients#producer()}).
     * If a line cannot even be handed to the producer, the ones handed before it are waited for
     * too.
     *
     * <p>Once a line of the request has failed, the rest are not handed over: the request is going
     * to be answered 503 and sent again, so any of its lines stored from then on would be stored
     * twice. That matters while Kafka is down: {@code send} does not throw when a topic's metadata
     * does not come within {@code max.block.ms}, it fails that one line (through its callback) after
     * waiting for it, so a request of n lines took n times that wait, the sender gave up and sent it
     * again meanwhile, and when Kafka came back every attempt still being handed over was stored
     * (a Kafka outage test found 1,058 records for 236 lines in one batch).
     */
    public CompletableFuture<Void> append(String app, List<LogLine> lines) {
        return appendRecords(app, lines.stream().map(LineRecord::of).toList());
    }

    /** {@link #append}, of lines already encoded as records (the intake's). */
    public CompletableFuture<Void> appendRecords(String app, List<LineRecord> lines) {
        String topic = Topics.logs(app);
        CompletableFuture<Void> done = new CompletableFuture<>();
        if (lines.isEmpty()) {
            done.complete(null);
            return done;
        }
        Settling settling = new Settling(lines.size(), done);
        for (int i = 0; i < lines.size(); i++) {
            LineRecord line = lines.get(i);
            try {
                producer.send(new ProducerRecord<>(topic, line.dyno(), line.value()), settling);
            } catch (RuntimeException refused) {
                settling.refused(lines.size() - i, refused);
                break;
            }
            if (settling.failed() && i + 1 < lines.size()) {
                // Metadata or buffer space did not come within max.block.ms (or a line already expired).
                settling.refused(lines.size() - i - 1, settling.firstFailure());
                break;
            }
        }
        return done;
    }

    /** Counts the lines of one request down to zero, remembering the first failure. */
    private static final class Settling implements Callback {
        private final AtomicInteger unsettled;
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private final CompletableFuture<Void> done;

        Settling(int lines, CompletableFuture<Void> done) {
            this.unsettled = new AtomicInteger(lines);
            this.done = done;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception error) {
            settle(1, error);
        }

        boolean failed() {
            return failure.get() != null;
        }

        Exception firstFailure() {
            return failure.get();
        }

        void refused(int lines, Exception error) {
            settle(lines, error);
        }

        private void settle(int lines, Exception error) {
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            if (unsettled.addAndGet(-lines) == 0) {
                Exception first = failure.get();
                if (first == null) {
                    done.complete(null);
                } else {
                    done.completeExceptionally(first);
                }
            }
        }
    }

    @PreDestroy
    void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
