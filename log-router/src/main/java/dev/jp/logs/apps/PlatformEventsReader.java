package dev.jp.logs.apps;

import dev.jp.events.AppCreated;
import dev.jp.events.AppDestroyed;
import dev.jp.events.DrainAdded;
import dev.jp.events.DrainRemoved;
import dev.jp.events.EventCodec;
import dev.jp.events.EventDecodingException;
import dev.jp.events.PlatformEvent;
import dev.jp.events.TopicPolicy;
import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.drains.DrainShippers;
import dev.jp.logs.sessions.AppFollowers;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Folds {@code platform.events} into the {@link AppRegistry}, from the beginning on every start and
 * without a consumer group: every router node must know every app. Once it has caught up with the
 * end it saw at start, it makes sure each live app has its topic and each destroyed one has none,
 * then declares the registry ready; after that it acts on each event as it comes.
 */
@ApplicationScoped
public class PlatformEventsReader {

    private static final Logger LOG = Logger.getLogger(PlatformEventsReader.class);
    private static final long FIRST_PAUSE_MILLIS = 1000;

    private final KafkaClients kafka;
    private final LogTopics topics;
    private final AppRegistry registry;
    private final DrainShippers drains;
    private final AppFollowers followers;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile boolean stopping;
    private Thread thread;
    /** Before starting over; doubled per failure, back to the first once caught up again. */
    private long pauseMillis;

    public PlatformEventsReader(KafkaClients kafka, LogTopics topics, AppRegistry registry, DrainShippers drains,
                                AppFollowers followers) {
        this.kafka = kafka;
        this.followers = followers;
        this.drains = drains;
        this.topics = topics;
        this.registry = registry;
    }

    void start(@Observes StartupEvent ignored) {
        thread = new Thread(this::run, "platform-events-reader");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent ignored) throws InterruptedException {
        stopping = true;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
        if (thread != null) {
            thread.join(5_000);
        }
    }

    /** Reads until shutdown; when Kafka fails it, starts over from the beginning, which is idempotent. */
    private void run() {
        pauseMillis = FIRST_PAUSE_MILLIS;
        while (!stopping) {
            try {
                read();
            } catch (WakeupException e) {
                if (stopping) {
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warnf("reading platform.events failed (%s); starting over in %d ms", e.getMessage(), pauseMillis);
            }
            try {
                Thread.sleep(pauseMillis);
            } catch (InterruptedException e) {
                return;
            }
            pauseMillis = Math.min(pauseMillis * 2, 30_000);
        }
    }

    private void read() {
        topics.create(TopicPolicy.platformEvents());
        try (KafkaConsumer<String, byte[]> c = kafka.reader(1000)) {
            consumer = c;
            if (stopping) {
                return;
            }
            List<TopicPartition> partitions = c.partitionsFor(Topics.PLATFORM_EVENTS, Duration.ofSeconds(30))
                    .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            if (partitions.isEmpty()) {
                throw new IllegalStateException("platform.events has no partitions yet");
            }
            c.assign(partitions);
            c.seekToBeginning(partitions);
            catchUp(c, c.endOffsets(partitions));
            pauseMillis = FIRST_PAUSE_MILLIS;
            while (true) {
                List<PlatformEvent> events = new ArrayList<>();
                for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofSeconds(1))) {
                    decode(record).ifPresent(events::add);
                }
                applyLive(events);
            }
        }
    }

    private void catchUp(KafkaConsumer<String, byte[]> c, Map<TopicPartition, Long> ends) {
        Set<String> destroyed = new HashSet<>();
        while (ends.entrySet().stream().anyMatch(e -> c.position(e.getKey()) < e.getValue())) {
            for (ConsumerRecord<String, byte[]> record : c.poll(Duration.ofMillis(500))) {
                decode(record).ifPresent(event -> {
                    if (event instanceof AppCreated created) {
                        registry.apply(created);
                        destroyed.remove(created.app());
                    } else if (event instanceof AppDestroyed gone) {
                        if (registry.apply(gone)) {
                            destroyed.add(gone.app());
                        }
                    } else {
                        applyDrain(event);
                    }
                });
            }
        }
        destroyed.forEach(topics::delete);
        topics.create(registry.apps());
        registry.ready();
        drains.reconcile();
        LOG.infof("knows %d apps from platform.events", registry.apps().size());
    }

    /**
     * Acts on one poll's events in order, except that consecutive creations wait for their topics
     * together: one request for all of them (apps are often created in bursts), and none waits
     * behind another's topic. Anything else first registers the creations before it, so a drain
     * finds its app and a destroy-then-recreate keeps the new app's topic.
     */
    private void applyLive(List<PlatformEvent> events) {
        List<AppCreated> creations = new ArrayList<>();
        for (PlatformEvent event : events) {
            if (event instanceof AppCreated created) {
                creations.add(created);
            } else if (event instanceof AppDestroyed || event instanceof DrainAdded || event instanceof DrainRemoved) {
                register(creations);
                applyLive(event);
            }
        }
        register(creations);
    }

    private void register(List<AppCreated> creations) {
        if (creations.isEmpty()) {
            return;
        }
        // The topics first: a token the registry knows must never post to a missing topic.
        topics.create(creations.stream().map(AppCreated::app).distinct().toList());
        creations.forEach(registry::apply);
        creations.clear();
    }

    private void applyLive(PlatformEvent event) {
        if (event instanceof AppDestroyed gone) {
            if (registry.apply(gone)) {
                drains.reconcile();
                followers.forget(gone.app());
                topics.delete(gone.app());
            }
        } else if (event instanceof DrainAdded || event instanceof DrainRemoved) {
            applyDrain(event);
            drains.reconcile();
        }
    }

    private void applyDrain(PlatformEvent event) {
        if (event instanceof DrainAdded added) {
            registry.apply(added);
        } else if (event instanceof DrainRemoved removed) {
            registry.apply(removed);
        }
    }

    private static Optional<PlatformEvent> decode(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(EventCodec.decode(record.value()));
        } catch (EventDecodingException e) {
            // A type added after this router was built: not about logs, or not for this version.
            LOG.debugf("skipping %s@%d: %s", record.topic(), record.offset(), e.getMessage());
            return Optional.empty();
        }
    }
}
