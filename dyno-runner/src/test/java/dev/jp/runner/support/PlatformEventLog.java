package dev.jp.runner.support;

import dev.jp.events.DynoStateChanged;
import dev.jp.events.EventCodec;
import dev.jp.events.PlatformEvent;
import dev.jp.events.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Reads {@code platform.events} from the start, as the projector would, and keeps the dyno facts. */
public final class PlatformEventLog implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<DynoStateChanged> states = new ArrayList<>();

    public PlatformEventLog(String bootstrapServers) {
        consumer = new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new ByteArrayDeserializer());
        // A topic created a moment ago may not be in the broker's metadata yet: no partitions.
        List<TopicPartition> partitions = org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                consumer.partitionsFor(Topics.PLATFORM_EVENTS, Duration.ofSeconds(20)).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList(), found -> !found.isEmpty());
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The app's dyno state changes so far, in order (reads what arrived since the last call). */
    public synchronized List<DynoStateChanged> states(String app) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
            PlatformEvent event = EventCodec.decode(record.value());
            if (event instanceof DynoStateChanged changed) {
                states.add(changed);
            }
        }
        return states.stream().filter(s -> s.app().equals(app)).toList();
    }

    public List<DynoStateChanged> states(String app, String dyno) {
        return states(app).stream().filter(s -> s.dyno().equals(dyno)).toList();
    }

    @Override
    public synchronized void close() {
        consumer.close();
    }
}
