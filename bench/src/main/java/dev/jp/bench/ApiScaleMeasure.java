package dev.jp.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A formation change through the API, answered once its event is durable (acks=all) and
 * projected, so the caller reads its own write; beside the floor under it: one acks=all
 * round trip to the same broker with a record of the same size.
 *
 * <p>The bench scales a type at quantity 0 between two sizes, so each call is a real decision,
 * event and projection, but no dyno starts and the runner stays idle.
 */
final class ApiScaleMeasure implements Measure {

    @Override
    public String name() {
        return "api-scale";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int warmup = quick ? 5 : 30;
        int samples = quick ? 30 : 500;
        String app = platform.appWithRelease("bench-scale", Map.of("web", "sleep 1", "idle", "sleep 1"));
        List<Long> api = new ArrayList<>();
        for (int i = 0; i < warmup + samples; i++) {
            String size = i % 2 == 0 ? "Standard-2X" : "Standard-1X";
            long began = System.nanoTime();
            platform.api().call("PATCH", "/apps/" + app + "/formation",
                    Map.of("updates", List.of(Map.of("type", "idle", "quantity", 0, "size", size))), 200);
            if (i >= warmup) {
                api.add(System.nanoTime() - began);
            }
        }
        Stats jp = Stats.ofNanos(api);
        Stats kafka = Stats.ofNanos(kafkaRoundTrips(platform.kafka(), warmup, samples));
        return new Result(name(), "ms", jp, "Kafka acks=all round trip", kafka, "p99 <= 50 ms", jp.p99() <= 50);
    }

    /** The same-sized record (a formation.scaled event is ~300 bytes) sent with acks=all, one at a time. */
    static List<Long> kafkaRoundTrips(String bootstrap, int warmup, int samples) throws Exception {
        String topic = "bench.round-trip";
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        byte[] value = new byte[300];
        List<Long> times = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "enable.idempotence", true, "linger.ms", 0), new StringSerializer(), new ByteArraySerializer())) {
            for (int i = 0; i < warmup + samples; i++) {
                long began = System.nanoTime();
                producer.send(new ProducerRecord<>(topic, "bench-scale", value)).get();
                if (i >= warmup) {
                    times.add(System.nanoTime() - began);
                }
            }
        }
        return times;
    }
}
