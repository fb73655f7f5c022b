package dev.jp.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jp.localstack.process.FreePort;
import dev.jp.localstack.process.LogFileSink;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker stopped and started again, as the reliability tests' outage does it. */
class KafkaBrokerRestartTest {

    @Test
    void starts_again_on_the_same_port_with_its_topics_and_records(@TempDir Path data) throws Exception {
        LogFileSink output = new LogFileSink(data.resolve("logs"));
        KafkaBroker first = KafkaBroker.start(data, 0, 0, "256m", output);
        KafkaBroker broker = first;
        String bootstrap = first.bootstrapServers();
        try {
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
                admin.createTopics(List.of(new NewTopic("restart.test", 1, (short) 1))).all().get();
            }
            try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrap, "acks", "all"),
                    new StringSerializer(), new StringSerializer())) {
                producer.send(new ProducerRecord<>("restart.test", "k", "before the outage")).get();
            }
            assertThatThrownBy(() -> first.startAgain(output)).hasMessageContaining("still running");

            broker.close();
            assertThat(broker.isAlive()).isFalse();
            assertThat(FreePort.isListening("127.0.0.1", Integer.parseInt(bootstrap.split(":")[1]))).isFalse();

            broker = broker.startAgain(output);
            assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
            assertThat(values(bootstrap)).containsExactly("before the outage");
        } finally {
            broker.close();
        }
    }

    private static List<String> values(String bootstrap) {
        TopicPartition partition = new TopicPartition("restart.test", 0);
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of("bootstrap.servers", bootstrap),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<String> values = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (values.isEmpty() && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
            }
            return values;
        }
    }
}
