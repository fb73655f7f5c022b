package dev.jp.runner.placement;

import dev.jp.events.DesiredDyno;
import dev.jp.events.EventCodec;
import dev.jp.events.EventDecodingException;
import dev.jp.events.Topics;
import dev.jp.runner.dynos.DynoSupervisor;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.CooperativeStickyAssignor;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

/**
 * The runner's membership in the group of runners on {@value Topics#DYNOS_DESIRED}: the partitions
 * the group assigns are the slots this runner runs.
 *
 * <p>A newly assigned partition is read from its beginning (the topic is compacted, so that is the
 * current set of slots) up to its end offset at assignment, and only then reconciled as a whole;
 * after that each record is applied as it comes. Offsets are never committed: the state is the
 * topic itself. Revoked or lost partitions stop their dynos. While Kafka is unreachable nothing is
 * revoked, so the dynos keep running.
 *
 * <p>A plain {@link KafkaConsumer} on a thread of its own, because the rebalance callbacks are the
 * point of this class.
 */
public final class DesiredDynoConsumer implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DesiredDynoConsumer.class);

    private static final Duration RETRY = Duration.ofSeconds(5);

    private final KafkaConsumer<String, byte[]> consumer;
    private final DynoSupervisor supervisor;
    private final Thread thread;
    /** Partitions assigned but not yet read to their end offset at assignment; consumer thread only. */
    private final Map<TopicPartition, Loading> loading = new HashMap<>();
    private volatile boolean running = true;
    /** Ends a retry pause at once when the runner closes (interrupting would break the consumer's own close). */
    private final CountDownLatch closing = new CountDownLatch(1);

    public DesiredDynoConsumer(String bootstrapServers, String group, String clientId, Duration sessionTimeout,
                               DynoSupervisor supervisor) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.PARTITION_ASSIGNMENT_STRATEGY_CONFIG, CooperativeStickyAssignor.class.getName());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, Long.toString(sessionTimeout.toMillis()));
        props.put(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, Long.toString(Math.max(500, sessionTimeout.toMillis() / 4)));
        this.consumer = new KafkaConsumer<>(props, new StringDeserializer(), new ByteArrayDeserializer());
        this.supervisor = supervisor;
        this.thread = new Thread(this::pollLoop, "jp-desired-dynos-" + clientId);
        thread.setDaemon(true);
    }

    public void start() {
        thread.start();
    }

    private void pollLoop() {
        try {
            consumer.subscribe(List.of(Topics.DYNOS_DESIRED), new Placement());
            while (running) {
                try {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                        accept(record);
                    }
                    finishLoaded();
                } catch (WakeupException closing) {
                    throw closing;
                } catch (RuntimeException e) {
                    // The dynos keep running; following the topic resumes once the cause is gone.
                    LOG.errorf(e, "cannot follow %s; retrying in %s", Topics.DYNOS_DESIRED, RETRY);
                    if (closing.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                        return;
                    }
                }
            }
        } catch (WakeupException | InterruptedException stop) {
            // close() asked us to stop polling.
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void accept(ConsumerRecord<String, byte[]> record) {
        TopicPartition partition = new TopicPartition(record.topic(), record.partition());
        DesiredDyno desired;
        try {
            Topics.parseDesiredDynoKey(record.key());
            desired = record.value() == null ? null : EventCodec.decodeDesired(record.value());
        } catch (EventDecodingException | IllegalArgumentException | NullPointerException e) {
            LOG.warnf("skipping unreadable record at %s offset %d: %s", partition, record.offset(), e.getMessage());
            return;
        }
        Loading load = loading.get(partition);
        if (load != null) {
            if (desired == null) {
                load.slots.remove(record.key());
            } else {
                load.slots.put(record.key(), desired);
            }
        } else {
            supervisor.changed(record.partition(), record.key(), desired);
        }
    }

    /** Partitions read up to where they ended at assignment are reconciled as a whole. */
    private void finishLoaded() {
        for (Iterator<Map.Entry<TopicPartition, Loading>> it = loading.entrySet().iterator(); it.hasNext(); ) {
            Map.Entry<TopicPartition, Loading> entry = it.next();
            Loading load = entry.getValue();
            if (load.endOffset < 0) {
                load.endOffset = consumer.endOffsets(List.of(entry.getKey())).getOrDefault(entry.getKey(), 0L);
            }
            if (consumer.position(entry.getKey()) >= load.endOffset) {
                it.remove();
                supervisor.assigned(entry.getKey().partition(), load.slots);
            }
        }
    }

    /** Stops following the topic; the group hands this runner's partitions to the others. */
    @Override
    public void close() {
        running = false;
        closing.countDown();
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private final class Placement implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            if (partitions.isEmpty()) {
                return;
            }
            LOG.infof("assigned %s", partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends;
            try {
                ends = consumer.endOffsets(partitions);
            } catch (RuntimeException e) {
                ends = Map.of(); // asked again after the next poll
            }
            for (TopicPartition partition : partitions) {
                loading.put(partition, new Loading(ends.getOrDefault(partition, -1L)));
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                LOG.infof("revoked %s; stopping their dynos", partitions);
                release(partitions);
            }
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            LOG.warnf("lost %s (another runner may run them now); stopping their dynos", partitions);
            release(partitions);
        }

        private void release(Collection<TopicPartition> partitions) {
            partitions.forEach(loading::remove);
            supervisor.released(partitions.stream().map(TopicPartition::partition).toList());
        }
    }

    /** A partition being read to the end offset it had at assignment (-1 while that is unknown). */
    private static final class Loading {
        long endOffset;
        final Map<String, DesiredDyno> slots = new HashMap<>();

        Loading(long endOffset) {
            this.endOffset = endOffset;
        }
    }
}
