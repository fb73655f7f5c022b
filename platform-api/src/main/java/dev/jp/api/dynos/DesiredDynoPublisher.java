package dev.jp.api.dynos;

import dev.jp.events.DesiredDyno;
import dev.jp.events.EventCodec;
import dev.jp.events.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Keeps the compacted topic {@code dynos.desired} equal to what the projection derives: it reads
 * the topic once at start to know what runners currently see, then writes only the slots that
 * changed (a tombstone for a slot that went away). Used by the projector's single thread.
 */
public final class DesiredDynoPublisher implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;
    /** app → slot → what the topic holds. */
    private final Map<String, Map<String, DesiredDyno>> published = new HashMap<>();

    public DesiredDynoPublisher(String bootstrapServers) {
        this.producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrapServers, "acks", "all",
                "enable.idempotence", true, "linger.ms", 5), new StringSerializer(), new ByteArraySerializer());
        readTopic(bootstrapServers);
    }

    private void readTopic(String bootstrapServers) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                "enable.auto.commit", false), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DYNOS_DESIRED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    Topics.DesiredDynoKey key = Topics.parseDesiredDynoKey(record.key());
                    Map<String, DesiredDyno> slots = published.computeIfAbsent(key.app(), app -> new HashMap<>());
                    if (record.value() == null) {
                        slots.remove(key.slot());
                    } else {
                        slots.put(key.slot(), EventCodec.decodeDesired(record.value()));
                    }
                }
            }
        }
    }

    /** Makes the topic hold exactly {@code desired} for {@code app}; returns how many records it wrote. */
    public int publish(String app, Map<String, DesiredDyno> desired) {
        Map<String, DesiredDyno> current = published.computeIfAbsent(app, a -> new HashMap<>());
        int written = 0;
        for (DesiredDyno dyno : desired.values()) {
            if (!Objects.equals(current.get(dyno.slot()), dyno)) {
                producer.send(new ProducerRecord<>(Topics.DYNOS_DESIRED, dyno.key(), EventCodec.encodeDesired(dyno)));
                written++;
            }
        }
        for (String slot : List.copyOf(current.keySet())) {
            if (!desired.containsKey(slot)) {
                producer.send(new ProducerRecord<>(Topics.DYNOS_DESIRED, Topics.desiredDynoKey(app, slot), null));
                written++;
            }
        }
        if (written > 0) {
            flush();
        }
        current.clear();
        current.putAll(desired);
        return written;
    }

    /** Every app the topic holds slots for. */
    public java.util.Set<String> apps() {
        return java.util.Set.copyOf(published.keySet());
    }

    private void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(5));
    }
}
