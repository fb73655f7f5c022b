package dev.jp.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.localstack.postgres.DatabaseUrl;
import dev.jp.localstack.testing.LocalStackExtension;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(LocalStackExtension.class)
class LocalStackTest {

    @Test
    void produces_to_and_consumes_from_the_real_broker(LocalStack stack) throws Exception {
        String topic = "test." + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", stack.kafkaBootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (var producer = new KafkaProducer<>(Map.<String, Object>of(
                "bootstrap.servers", stack.kafkaBootstrapServers(), "acks", "all", "enable.idempotence", true),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "demo", "formation.scaled")).get();
        }
        try (var consumer = new KafkaConsumer<>(Map.<String, Object>of(
                "bootstrap.servers", stack.kafkaBootstrapServers(), "group.id", "test-" + topic,
                "auto.offset.reset", "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            ConsumerRecords<String, String> records = ConsumerRecords.empty();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (records.isEmpty() && System.nanoTime() < deadline) {
                records = consumer.poll(Duration.ofMillis(200));
            }
            assertThat(records).extracting(r -> r.key() + "=" + r.value()).containsExactly("demo=formation.scaled");
        }
    }

    @Test
    void writes_and_reads_its_own_fresh_database(DatabaseUrl database) throws Exception {
        assertThat(database.database()).startsWith("jp_test_local_stack_");
        Properties login = new Properties();
        login.setProperty("user", database.user());
        if (database.password() != null) {
            login.setProperty("password", database.password());
        }
        try (Connection connection = DriverManager.getConnection(database.jdbcUrl(), login);
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE apps (name text PRIMARY KEY)");
            statement.execute("INSERT INTO apps VALUES ('demo')");
            ResultSet rows = statement.executeQuery("SELECT name FROM apps");
            assertThat(rows.next()).isTrue();
            assertThat(rows.getString(1)).isEqualTo("demo");
        }
    }
}
