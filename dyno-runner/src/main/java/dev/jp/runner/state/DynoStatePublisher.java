package dev.jp.runner.state;

import dev.jp.events.DynoStateChanged;
import dev.jp.events.DynoStats;
import dev.jp.events.EventCodec;
import dev.jp.events.Topics;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logging.Logger;

/**
 * Appends the runner's dyno facts to {@value Topics#PLATFORM_EVENTS} (key = app, acks=all,
 * idempotent). {@link #publish} never blocks the dyno supervisor: a producer's {@code send} can
 * wait for metadata while Kafka is unreachable, so sends happen in order on a thread of their own,
 * and the producer keeps retrying until Kafka is back.
 */
public final class DynoStatePublisher implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynoStatePublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "jp-dyno-state-publisher");
        thread.setDaemon(true);
        return thread;
    });

    public DynoStatePublisher(String bootstrapServers, String clientId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        // Facts carry their own time (taken at the transition), so a few milliseconds' wait costs no
        // measure, and lets the facts of a hundred dynos starting at once travel in a few requests
        // rather than two hundred: the broker shares the host's cores with the dynos.
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        // A fact about a dyno stays worth recording for as long as the runner lives.
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(Integer.MAX_VALUE));
        this.producer = new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }

    public void publish(DynoStateChanged event) {
        // Encoded on the sender thread too: the caller (the dyno supervisor) may be about to fork.
        sender.execute(() -> producer.send(new ProducerRecord<>(Topics.PLATFORM_EVENTS, event.app(), EventCodec.encode(event)),
                (metadata, failure) -> {
                    if (failure != null) {
                        LOG.errorf(failure, "dyno state of %s %s not recorded", event.app(), event.dyno());
                    }
                }));
    }

    /** The dyno's newest resource sample, to the compacted {@code dynos.stats} (not the forever log). */
    public void publishStats(DynoStats stats) {
        sender.execute(() -> producer.send(new ProducerRecord<>(Topics.DYNOS_STATS, stats.key(), EventCodec.encodeStats(stats))));
    }

    /** Sends what is queued (waiting up to {@code timeout}), then closes the producer. */
    public void close(Duration timeout) {
        sender.shutdown();
        try {
            sender.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        producer.close(timeout);
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(5));
    }
}
