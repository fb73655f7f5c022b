package dev.jp.api.dynos;

import dev.jp.events.DynoStats;
import dev.jp.events.EventCodec;
import dev.jp.events.EventDecodingException;
import dev.jp.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The newest resource sample of every dyno, read from the compacted {@code dynos.stats} (every
 * partition, from its start, without a group: every API node keeps them all). Samples are
 * ephemeral, so they live in memory, not in the projection.
 */
@ApplicationScoped
public class DynoStatsReader {

    private static final Logger LOG = Logger.getLogger(DynoStatsReader.class);

    private final String bootstrapServers;
    private final Map<String, DynoStats> latest = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    public DynoStatsReader(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** The newest sample of a dyno, if a runner reported one. */
    public Optional<DynoStats> of(String app, String dyno) {
        return Optional.ofNullable(latest.get(Topics.desiredDynoKey(app, dyno)));
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "jp-dyno-stats");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    private void run() {
        while (running) {
            try (KafkaConsumer<String, byte[]> kafka = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers,
                    "enable.auto.commit", false), new StringDeserializer(), new ByteArrayDeserializer())) {
                consumer = kafka;
                List<TopicPartition> partitions = kafka.partitionsFor(Topics.DYNOS_STATS).stream()
                        .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                kafka.assign(partitions);
                kafka.seekToBeginning(partitions);
                while (running) {
                    for (ConsumerRecord<String, byte[]> record : kafka.poll(Duration.ofSeconds(1))) {
                        remember(record);
                    }
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading dynos.stats failed (%s); retrying", e.getMessage());
                LockSupport.parkNanos(Duration.ofSeconds(2).toNanos());
            }
        }
    }

    private void remember(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        try {
            latest.put(record.key(), EventCodec.decodeStats(record.value()));
        } catch (EventDecodingException e) {
            LOG.warnf("skipping an unreadable sample for %s: %s", record.key(), e.getMessage());
        }
    }
}
