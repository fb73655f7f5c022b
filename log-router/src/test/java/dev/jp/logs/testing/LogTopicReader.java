package dev.jp.logs.testing;

import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.lines.LogLine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what {@code logs.<app>} holds, straight from the broker. */
public final class LogTopicReader {

    /** A stored record: its key and line. */
    public record Stored(String key, LogLine line) {
    }

    private LogTopicReader() {
    }

    public static List<Stored> all(KafkaClients kafka, String app) {
        TopicPartition partition = new TopicPartition(Topics.logs(app), 0);
        List<Stored> lines = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = kafka.reader(1000)) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            while (consumer.position(partition) < end) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    lines.add(new Stored(record.key(), LogLine.decode(record.value())));
                }
            }
        }
        return lines;
    }
}
