package dev.jp.logs;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The plain Kafka clients the router uses. Plain clients rather than reactive messaging, because
 * the router's topics come and go with apps and each tail decides where it reads from.
 */
@ApplicationScoped
public class KafkaClients {

    private final String bootstrapServers;

    public KafkaClients(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put("bootstrap.servers", bootstrapServers);
        return Admin.create(props);
    }

    /**
     * How long the intake's producer may take to store a line, or to give up on it. A sender's
     * request is answered within about {@link #PRODUCER_MAX_BLOCK_MS} + this, so senders must wait
     * longer than that for an answer (runners wait 15 s): a line is then either acknowledged, or
     * refused with 503 and never stored afterwards, not counted lost by the sender and stored later.
     */
    public static final int PRODUCER_DELIVERY_TIMEOUT_MS = 4_000;
    /** How long a send may wait for a topic's metadata or for buffer space before it is refused. */
    public static final int PRODUCER_MAX_BLOCK_MS = 2_000;

    /**
     * Durable (acks=all, idempotent): the intake answers 204 only once lines are stored. No linger:
     * a request's lines are sent together anyway, and lines that arrive while a request is in
     * flight batch up behind it, so waiting for more only adds to every line's latency. A short
     * delivery timeout rather than Kafka's two minutes: during an outage a line the producer still
     * holds after the sender gave up would be stored as well as counted lost. A line that expires
     * while its request is on the wire may still have been written (the broker's answer was what
     * got lost): then it is stored and counted lost, never silently lost.
     */
    public KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "none",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, PRODUCER_DELIVERY_TIMEOUT_MS,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, PRODUCER_DELIVERY_TIMEOUT_MS - 500,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, PRODUCER_MAX_BLOCK_MS),
                new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * A member of a consumer group that commits its own offsets, starting at the end of a
     * partition the group has no offset for: a drain gets the lines after it was added.
     */
    public KafkaConsumer<String, byte[]> groupMember(String groupId, int maxPollRecords) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** A consumer outside any group: the caller assigns partitions and seeks itself. */
    public KafkaConsumer<String, byte[]> reader(int maxPollRecords) {
        return new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, maxPollRecords,
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_uncommitted"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }
}
