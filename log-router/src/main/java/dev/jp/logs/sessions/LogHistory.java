package dev.jp.logs.sessions;

import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.lines.LineFilter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads an app's past lines from {@code logs.<app>} with a consumer of its own (blocking; call it
 * off the event loop). Kafka holds the history, so a session may ask for more than Logplex's 1,500.
 */
@ApplicationScoped
public class LogHistory {

    /** Bounds the work of one request whose filter matches almost nothing in a large topic. */
    private static final long MAX_SCANNED = 2_000_000;
    /** A broker that returns nothing for this long, while lines are known to be there, is unavailable. */
    private static final Duration STALL = Duration.ofSeconds(30);

    private final KafkaClients kafka;

    public LogHistory(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** The offset after the app's newest line, now. */
    long end(String app) {
        TopicPartition partition = partition(app);
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader(1)) {
            return consumer.endOffsets(List.of(partition)).get(partition);
        }
    }

    /**
     * Where the newest {@code count} matching lines before {@code end} begin: the offset to
     * {@link #forward} from. Only offsets are kept while looking, so asking for 100,000 lines costs
     * reading them twice, not holding them.
     */
    long startOfLast(String app, LineFilter filter, int count, long end) {
        if (count <= 0) {
            return end;
        }
        TopicPartition partition = partition(app);
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader(5000)) {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            long to = end;
            long step = Math.max(count, 1000);
            long scanned = 0;
            int found = 0;
            // Backwards in growing windows: a selective filter needs to look further back.
            while (to > begin && scanned < MAX_SCANNED) {
                long from = Math.max(begin, to - step);
                List<Long> matches = new ArrayList<>();
                read(consumer, partition, from, to, filter, chunk -> chunk.forEach(line -> matches.add(line.offset())));
                if (found + matches.size() >= count) {
                    return matches.get(matches.size() - (count - found));
                }
                found += matches.size();
                scanned += to - from;
                to = from;
                step *= 2;
            }
            return to;
        }
    }

    /** Every matching line in [{@code from}, {@code to}), in order, a poll's worth at a time. */
    void forward(String app, LineFilter filter, long from, long to, Consumer<List<StoredLine>> sink) {
        if (from >= to) {
            // A tail without history (lines=0) or a reconnect that is up to date: no consumer needed.
            return;
        }
        TopicPartition partition = partition(app);
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader(2000)) {
            consumer.assign(List.of(partition));
            long begin = consumer.beginningOffsets(List.of(partition)).get(partition);
            read(consumer, partition, Math.max(from, begin), to, filter, sink);
        }
    }

    private static void read(KafkaConsumer<String, byte[]> consumer, TopicPartition partition, long from, long to,
                             LineFilter filter, Consumer<List<StoredLine>> sink) {
        if (from >= to) {
            return;
        }
        consumer.seek(partition, from);
        Instant deadline = Instant.now().plus(STALL);
        while (consumer.position(partition) < to) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("reading " + partition + " made no progress for " + STALL);
            }
            ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(200));
            SseChunk chunk = new SseChunk(filter, records.count());
            if (!records.isEmpty()) {
                deadline = Instant.now().plus(STALL);
            }
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() >= to) {
                    break;
                }
                if (record.value() == null) {
                    continue;
                }
                chunk.add(record.offset(), record.value()); // an unreadable record is skipped
            }
            if (!chunk.isEmpty()) {
                sink.accept(chunk.lines());
            }
        }
    }

    private static TopicPartition partition(String app) {
        return new TopicPartition(Topics.logs(app), 0);
    }
}
