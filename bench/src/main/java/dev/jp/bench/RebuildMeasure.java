package dev.jp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.events.AppCreated;
import dev.jp.events.ConfigVarsChanged;
import dev.jp.events.EventCodec;
import dev.jp.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Dropping the projections and replaying {@code platform.events} from offset 0 ({@code POST
 * /admin/rebuild}), in events per second; beside a plain consumer reading the same topic from 0.
 * The log is filled with apps that each take many config changes (each one a release row too).
 */
final class RebuildMeasure implements Measure {

    private static final int CHANGES_PER_APP = 49;

    @Override
    public String name() {
        return "rebuild";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int apps = quick ? 20 : 1000;
        int repetitions = quick ? 1 : 3;
        fill(platform.kafka(), apps);
        List<Double> jp = new ArrayList<>();
        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < repetitions; i++) {
            JsonNode report = platform.api().call("POST", "/admin/rebuild", null, 200);
            jp.add(report.path("events_per_second").asDouble());
            raw.add(rawConsumerRate(platform.kafka()));
        }
        Stats rebuild = Stats.of(jp);
        return new Result(name(), "events/s", rebuild, "raw consumer of platform.events", Stats.of(raw),
                ">= 50,000 events/s", rebuild.median() >= 50_000);
    }

    private static void fill(String bootstrap, int apps) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "linger.ms", 5), new StringSerializer(), new ByteArraySerializer())) {
            Instant at = Instant.parse("2026-11-21T10:00:00Z");
            for (int a = 0; a < apps; a++) {
                String app = "rebuild-" + a;
                send(producer, new AppCreated(app, "bench@jp.local", at, 0L, UUID.randomUUID().toString(), "bench", "bench@jp.local",
                        "local", "jp-22", "t." + UUID.randomUUID(), "t." + UUID.randomUUID()));
                for (int c = 1; c <= CHANGES_PER_APP; c++) {
                    send(producer, new ConfigVarsChanged(app, "bench@jp.local", at.plusSeconds(c), (long) c,
                            Map.of("KEY_" + (c % 7), "value-" + c), List.of(), UUID.randomUUID().toString(), c));
                }
            }
            producer.flush();
        }
    }

    private static void send(KafkaProducer<String, byte[]> producer, dev.jp.events.PlatformEvent event) {
        producer.send(new ProducerRecord<>(Topics.PLATFORM_EVENTS, event.app(), EventCodec.encode(event)));
    }

    static double rawConsumerRate(String bootstrap) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "enable.auto.commit", false, "max.poll.records", 1000), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLATFORM_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long total = end.values().stream().mapToLong(Long::longValue).sum();
            long read = 0;
            long began = System.nanoTime();
            while (read < total) {
                read += consumer.poll(Duration.ofMillis(200)).count();
            }
            return read / ((System.nanoTime() - began) / 1e9);
        }
    }
}
