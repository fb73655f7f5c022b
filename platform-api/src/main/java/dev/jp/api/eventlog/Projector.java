package dev.jp.api.eventlog;

import dev.jp.api.ApiConfig;
import dev.jp.api.apps.AppRow;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.StateJson;
import dev.jp.api.dynos.DesiredDynoPublisher;
import dev.jp.api.dynos.DesiredDynos;
import dev.jp.api.rendezvous.RendezvousServer;
import dev.jp.api.slugs.SlugRow;
import dev.jp.api.slugs.SlugUrls;
import dev.jp.events.DesiredDyno;
import dev.jp.events.TopicPolicy;
import dev.jp.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/**
 * Folds {@code platform.events} into PostgreSQL, one poll per transaction. The next offset of
 * each partition is stored with the rows, and a record below it is skipped, so a restart or a
 * redelivery never applies an event twice. After each commit it tells the waiting writes what
 * became of their events and publishes the desired dynos that changed.
 */
@ApplicationScoped
public class Projector {

    private static final Logger LOG = Logger.getLogger(Projector.class);
    private static final String GROUP = "jp-platform-api-projector";
    private static final List<String> PROJECTION_TABLES =
            List.of("apps", "releases", "slugs", "dynos", "events", "projector_offsets");

    private final Mutiny.SessionFactory sessions;
    private final ProjectionWaiter waiter;
    private final String bootstrapServers;
    private final SlugUrls slugUrls;
    private final RendezvousServer rendezvous;
    private final String memberId;
    private final Map<Integer, Long> nextOffsets = new ConcurrentHashMap<>();
    private final AtomicReference<Rebuild> rebuild = new AtomicReference<>();
    /**
     * While the projection replays history up to these offsets (an empty projection, as after a dropped
     * database, or a rebuild), the past states it passes through are not published to
     * {@code dynos.desired}: runners would restart running dynos on each of them. Once it is caught up,
     * one reconcile publishes the present state. Null when not replaying; the projector thread's own.
     */
    private Map<Integer, Long> replayUntil;
    private volatile boolean running;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private Thread thread;

    /** A requested rebuild and, once it started, the offsets it must reach. */
    private static final class Rebuild {
        final CompletableFuture<RebuildReport> done = new CompletableFuture<>();
        Map<Integer, Long> target;
        Instant began;
        long events;
        final PollPhases phases = new PollPhases();
    }

    /** What a rebuild did: how many events it replayed, in how long. */
    public record RebuildReport(long events, Duration took) {
        public double eventsPerSecond() {
            return took.isZero() ? events : events / (took.toNanos() / 1e9);
        }
    }

    public Projector(Mutiny.SessionFactory sessions, ProjectionWaiter waiter,
                     @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers, SlugUrls slugUrls,
                     RendezvousServer rendezvous, ApiConfig config, @ConfigProperty(name = "quarkus.http.port") int httpPort) {
        // Kafka takes only ASCII letters, digits, '.', '_' and '-' in a member id.
        this.memberId = config.nodeId().orElseGet(() -> hostName() + "-" + httpPort).replaceAll("[^A-Za-z0-9._-]", "_");
        this.sessions = sessions;
        this.waiter = waiter;
        this.bootstrapServers = bootstrapServers;
        this.slugUrls = slugUrls;
        this.rendezvous = rendezvous;
    }

    void start(@Observes StartupEvent startup) {
        TopicSetup.ensure(bootstrapServers, List.of(TopicPolicy.platformEvents(), TopicPolicy.dynosDesired(),
                TopicPolicy.dynosStats()));
        running = true;
        thread = new Thread(this::run, "jp-projector");
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        if (thread != null) {
            thread.join(10_000);
        }
    }

    /** Drops the projections and replays {@code platform.events} from offset 0; completes when caught up. */
    public CompletableFuture<RebuildReport> rebuild() {
        Rebuild requested = new Rebuild();
        return rebuild.compareAndSet(null, requested) ? requested.done : rebuild.get().done;
    }

    private void run() {
        while (running) {
            try (DesiredDynoPublisher publisher = new DesiredDynoPublisher(bootstrapServers);
                 KafkaConsumer<String, byte[]> kafka = newConsumer()) {
                consumer = kafka;
                kafka.subscribe(List.of(Topics.PLATFORM_EVENTS), new SeekToStoredOffsets(kafka));
                boolean reconciled = false;
                while (running) {
                    // Before the poll: records polled from the old position must never reach the emptied projection.
                    startRebuildIfAsked(kafka);
                    long pollStarted = System.nanoTime();
                    ConsumerRecords<String, byte[]> records = kafka.poll(Duration.ofMillis(100));
                    phasesOfRebuild().ifPresent(phases -> phases.polled(System.nanoTime() - pollStarted, records.count()));
                    if (!records.isEmpty()) {
                        project(records, publisher);
                    } else if (!reconciled && !kafka.assignment().isEmpty() && replayUntil == null) {
                        reconcileDesiredDynos(publisher);
                        reconciled = true;
                    }
                    if (replayUntil != null && reached(kafka, replayUntil)) {
                        replayUntil = null;
                        long reconciling = System.nanoTime();
                        reconcileDesiredDynos(publisher);
                        phasesOfRebuild().ifPresent(phases -> phases.reconciled(System.nanoTime() - reconciling));
                        reconciled = true;
                    }
                    finishRebuildIfCaughtUp(kafka);
                    waiter.sweep();
                }
            } catch (WakeupException stopping) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf(e, "projector failed; restarting from the stored offsets");
                pause(Duration.ofSeconds(1));
            }
        }
    }

    private KafkaConsumer<String, byte[]> newConsumer() {
        return new KafkaConsumer<>(Map.of(
                "bootstrap.servers", bootstrapServers,
                "group.id", GROUP,
                // Static membership: a restarted API rejoins as itself and gets its partitions back at
                // once; without it, writes wait (503) until the group gives up on the killed process.
                "group.instance.id", memberId,
                // How long partitions of an API that is gone for good wait before another API takes them.
                "session.timeout.ms", 10_000,
                "heartbeat.interval.ms", 2_000,
                "enable.auto.commit", false,
                "auto.offset.reset", "earliest",
                "max.poll.records", 5000,
                "isolation.level", "read_committed"),
                new StringDeserializer(), new ByteArrayDeserializer());
    }

    /** Applies one poll in one transaction, then reports outcomes and publishes desired dynos. */
    private void project(ConsumerRecords<String, byte[]> records, DesiredDynoPublisher publisher) {
        List<ConsumerRecord<String, byte[]>> fresh = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            if (record.offset() >= nextOffsets.getOrDefault(record.partition(), 0L)) {
                fresh.add(record);
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        Map<Integer, Long> replaying = replayUntil;
        boolean publishing = replaying == null;
        PollPhases phases = phasesOfRebuild().orElseGet(PollPhases::new);
        long began = System.nanoTime();
        Batch batch = await(() -> sessions.withTransaction(session -> applyAll(session, fresh, publishing, phases)));
        long committed = System.nanoTime();
        fresh.forEach(r -> nextOffsets.merge(r.partition(), r.offset() + 1, Math::max));
        Rebuild current = rebuild.get();
        if (current != null && current.target != null) {
            current.events += fresh.size();
        }
        batch.outcomes().forEach((position, outcome) -> {
            if (publishing || position.offset() >= replaying.getOrDefault(position.partition(), 0L)) {
                waiter.projected(position.partition(), position.offset(), outcome);
            } else {
                // History: only a write that already waits can ask about it (its append was acknowledged
                // before the replay began). Keeping every replayed outcome for a minute would hold a
                // whole log's worth of them in memory.
                waiter.projectedIfAwaited(position.partition(), position.offset(), outcome);
            }
        });
        batch.desired().forEach(publisher::publish);
        phases.transaction(committed - began);
        phases.after(System.nanoTime() - committed);
    }

    /** The phase timings of the rebuild under way, if one is replaying. */
    private Optional<PollPhases> phasesOfRebuild() {
        Rebuild current = rebuild.get();
        return current == null || current.target == null ? Optional.empty() : Optional.of(current.phases);
    }

    /**
     * True when every record below these offsets is projected. Asked right after a poll's records are
     * applied, so the consumer's position says it: unlike the offset after the last record, it also
     * passes the markers that end Kafka transactions, which take offsets of their own (a log that ends
     * with one would otherwise never be reached).
     */
    private boolean reached(KafkaConsumer<String, byte[]> kafka, Map<Integer, Long> offsets) {
        Set<TopicPartition> assigned = kafka.assignment();
        return offsets.entrySet().stream().allMatch(e -> {
            TopicPartition partition = new TopicPartition(Topics.PLATFORM_EVENTS, e.getKey());
            long projected = assigned.contains(partition) ? kafka.position(partition) : nextOffsets.getOrDefault(e.getKey(), 0L);
            return projected >= e.getValue();
        });
    }

    private record Batch(Map<PollFold.Position, Outcome> outcomes, Map<String, Map<String, DesiredDyno>> desired) {
    }

    /**
     * Folds the poll and stages its rows; while replaying, the desired dynos of the past states it
     * passes through are not computed (they would not be published).
     */
    private Uni<Batch> applyAll(Mutiny.Session session, List<ConsumerRecord<String, byte[]>> records, boolean publishing,
                                PollPhases phases) {
        return ProjectionWriter.apply(session, records, phases).chain(fold -> (publishing
                ? desiredOf(session, fold.touched().values()) : Uni.createFrom().item(Map.<String, Map<String, DesiredDyno>>of()))
                .map(desired -> new Batch(fold.outcomes(), desired)));
    }

    private Uni<Map<String, Map<String, DesiredDyno>>> desiredOf(Mutiny.Session session, Collection<AppState> apps) {
        Map<String, Map<String, DesiredDyno>> desired = new LinkedHashMap<>();
        return Multi.createFrom().iterable(apps)
                .onItem().transformToUniAndConcatenate(app -> {
                    String slugId = app.release() == null ? null : app.release().slugId();
                    Uni<SlugRow> slug = slugId == null ? Uni.createFrom().nullItem() : session.find(SlugRow.class, slugId);
                    return slug.invoke(row -> desired.put(app.name(), DesiredDynos.of(app,
                            row == null ? null : new DesiredDynos.Slug(row.id, row.checksum, slugUrls.of(row.id)),
                            rendezvous::attachUrl)));
                })
                .collect().last().replaceWith(desired);
    }

    /** At start, the topic may lag the projection (a crash between commit and publish): make them equal. */
    private void reconcileDesiredDynos(DesiredDynoPublisher publisher) {
        Map<String, Map<String, DesiredDyno>> desired = await(() -> sessions.withSession(session ->
                session.createQuery("from AppRow", AppRow.class).getResultList()
                        .chain(rows -> desiredOf(session, rows.stream().map(r -> StateJson.readState(r.state)).toList()))));
        desired.forEach(publisher::publish);
        publisher.apps().stream().filter(app -> !desired.containsKey(app)).forEach(app -> publisher.publish(app, Map.of()));
    }

    private void startRebuildIfAsked(KafkaConsumer<String, byte[]> kafka) {
        Rebuild current = rebuild.get();
        if (current == null || current.target != null) {
            return;
        }
        LOG.info("rebuilding the projections from platform.events offset 0");
        current.began = Instant.now();
        long clearing = System.nanoTime();
        // One truncate, not a delete per table: it leaves no dead rows for the replay's inserts to wade through.
        await(() -> sessions.withTransaction(session ->
                session.createNativeQuery("truncate " + String.join(", ", PROJECTION_TABLES)).executeUpdate()));
        current.phases.cleared(System.nanoTime() - clearing);
        nextOffsets.clear();
        Map<Integer, Long> target = new HashMap<>();
        kafka.endOffsets(kafka.assignment()).forEach((partition, end) -> target.put(partition.partition(), end));
        kafka.seekToBeginning(kafka.assignment());
        current.target = target;
        replayUntil = target;
    }

    private void finishRebuildIfCaughtUp(KafkaConsumer<String, byte[]> kafka) {
        Rebuild current = rebuild.get();
        if (current == null || current.target == null) {
            return;
        }
        if (reached(kafka, current.target)) {
            RebuildReport report = new RebuildReport(current.events, Duration.between(current.began, Instant.now()));
            LOG.infof("rebuilt the projections from %d events in %d ms: %s", report.events(), report.took().toMillis(),
                    current.phases.describe(report.took()));
            rebuild.set(null);
            current.done.complete(report);
        }
    }

    /** On assignment, continue where the projection (not the consumer group) says it stands. */
    private final class SeekToStoredOffsets implements ConsumerRebalanceListener {
        private final KafkaConsumer<String, byte[]> kafka;

        SeekToStoredOffsets(KafkaConsumer<String, byte[]> kafka) {
            this.kafka = kafka;
        }

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            List<ProjectorOffsetRow> stored = await(() -> sessions.withSession(session ->
                    session.createQuery("from ProjectorOffsetRow", ProjectorOffsetRow.class).getResultList()));
            Map<Integer, Long> byPartition = new HashMap<>();
            stored.forEach(row -> byPartition.put(row.partition, row.nextOffset));
            Map<Integer, Long> behind = new HashMap<>();
            Map<TopicPartition, Long> ends = kafka.endOffsets(partitions);
            for (TopicPartition partition : partitions) {
                long next = byPartition.getOrDefault(partition.partition(), 0L);
                nextOffsets.put(partition.partition(), next);
                kafka.seek(partition, next);
                // An empty projection (a new or dropped database) replays the whole log: see replayUntil.
                if (next == 0 && ends.getOrDefault(partition, 0L) > 0) {
                    behind.put(partition.partition(), ends.get(partition));
                }
            }
            if (!behind.isEmpty()) {
                replayUntil = behind;
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            partitions.forEach(p -> nextOffsets.remove(p.partition()));
        }
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "localhost";
        }
    }

    private static <T> T await(java.util.function.Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
        }
    }

    private static void pause(Duration duration) {
        java.util.concurrent.locks.LockSupport.parkNanos(duration.toNanos());
    }
}
