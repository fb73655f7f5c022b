package dev.jp.logs.drains;

import dev.jp.events.Topics;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.LogRouterConfig;
import dev.jp.logs.accounting.LogAccounting;
import dev.jp.logs.apps.Drain;
import dev.jp.logs.lines.LogLine;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * Ships one drain's lines, on a thread of its own, as a member of the drain's consumer group
 * {@code jp-drain-<id>}: every router node joins it, the one that gets the app's partition ships,
 * and the committed offset is where a restarted router (or another node) resumes.
 *
 * <p>Before each batch it catches up with the topic into a buffer of the newest
 * {@code jp.drains.buffer} lines: an endpoint slower than the app loses the oldest, and the next
 * batch starts with L10 saying how many. Lines are committed once delivered or given up on.
 * A drain that resumes from its committed offset (a router restarted, the partition moved) reads
 * that backlog without dropping: it is not a slow endpoint, and the backlog is safe in Kafka.
 */
final class DrainShipper {

    static final int MAX_BATCH_BYTES = 100 * 1024;
    private static final Logger LOG = Logger.getLogger(DrainShipper.class);
    private static final int CATCH_UP_POLLS = 20;

    private record Pending(long offset, LogLine line) {
    }

    private final String app;
    private final Drain drain;
    private final DrainUrl url;
    private final KafkaClients kafka;
    private final LogRouterConfig.Drains config;
    private final LogAccounting accounting;
    private final DrainSender sender;
    private final Clock clock;
    private final ArrayDeque<Pending> buffer = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private long dropped;
    private Instant droppedSince;
    private long doneThrough = -1;
    /** The partition's end when it was assigned: below it the drain is resuming (see the class comment). */
    private long resumingUntil = -1;
    private int failures;

    DrainShipper(String app, Drain drain, DrainSender sender, KafkaClients kafka, LogRouterConfig.Drains config,
                 LogAccounting accounting, Clock clock) {
        this.app = app;
        this.drain = drain;
        this.url = DrainUrl.parse(drain.url());
        this.sender = sender;
        this.kafka = kafka;
        this.config = config;
        this.accounting = accounting;
        this.clock = clock;
        this.thread = new Thread(this::run, "drain-" + drain.id());
        thread.setDaemon(true);
    }

    static String groupId(String drainId) {
        return "jp-drain-" + drainId;
    }

    void start() {
        thread.start();
    }

    /**
     * Asks the thread to stop; it leaves the group once its current batch is done with (at most
     * 3 tries of {@code jp.drains.timeout}). Not interrupted: an interrupt that lands while the
     * consumer closes keeps it from leaving its group cleanly.
     */
    void stop() {
        running = false;
        KafkaConsumer<String, byte[]> c = consumer;
        if (c != null) {
            c.wakeup();
        }
    }

    private void run() {
        TopicPartition partition = new TopicPartition(Topics.logs(app), 0);
        KafkaConsumer<String, byte[]> c = kafka.groupMember(groupId(drain.id()), 500);
        consumer = c;
        try {
            c.subscribe(List.of(partition.topic()), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    // Pins the start: lines from now on are this drain's, even before the first batch.
                    for (TopicPartition p : partitions) {
                        c.commitSync(Map.of(p, new OffsetAndMetadata(c.position(p))));
                        resumingUntil = c.endOffsets(List.of(p)).getOrDefault(p, -1L);
                    }
                }

                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    commit(c, partition);
                    buffer.clear();
                }
            });
            Instant pausedUntil = Instant.MIN;
            while (running) {
                boolean idle = buffer.isEmpty() || clock.instant().isBefore(pausedUntil);
                catchUp(c, idle ? Duration.ofMillis(200) : Duration.ZERO);
                if (buffer.isEmpty() || clock.instant().isBefore(pausedUntil)) {
                    continue;
                }
                DrainBatch batch = nextBatch();
                DrainSender.Outcome outcome = sender.send(batch);
                switch (outcome) {
                    case DELIVERED -> {
                        accounting.drainDelivered(app, drain.id(), batch.lines());
                        failures = 0;
                    }
                    case REJECTED -> accounting.drainDropped(app, drain.id(), "rejected", batch.lines());
                    case FAILED, REFUSED -> {
                        accounting.drainDropped(app, drain.id(), outcome.name().toLowerCase(Locale.ROOT), batch.lines());
                        failures++;
                        Duration pause = config.retryBackoff().multipliedBy(1L << Math.min(failures, 20));
                        pausedUntil = clock.instant().plus(pause.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : pause);
                    }
                }
                doneThrough = batch.nextOffset();
                commit(c, partition);
            }
        } catch (WakeupException | InterruptedException stopping) {
            // stop()
        } catch (RuntimeException e) {
            LOG.errorf(e, "drain %s of %s stopped", drain.url(), app);
        } finally {
            sender.close();
            c.close(Duration.ofSeconds(2));
        }
    }

    private void catchUp(KafkaConsumer<String, byte[]> c, Duration firstWait) {
        ConsumerRecords<String, byte[]> records = c.poll(firstWait);
        for (int polls = 0; !records.isEmpty() && polls < CATCH_UP_POLLS; polls++) {
            for (ConsumerRecord<String, byte[]> record : records) {
                if (record.offset() < resumingUntil && buffer.size() >= config.buffer()) {
                    // Resuming: the rest of the backlog stays in Kafka and is read again once this buffer is shipped.
                    c.seek(new TopicPartition(record.topic(), record.partition()), record.offset());
                    return;
                }
                if (record.value() != null) {
                    add(new Pending(record.offset(), LogLine.decode(record.value())));
                }
            }
            records = c.poll(Duration.ZERO);
        }
    }

    private void add(Pending line) {
        if (buffer.size() >= config.buffer()) {
            buffer.pollFirst();
            if (dropped++ == 0) {
                droppedSince = clock.instant();
            }
            accounting.drainDropped(app, drain.id(), "overflow", 1);
        }
        buffer.addLast(line);
    }

    private DrainBatch nextBatch() {
        List<LogplexFrame> frames = new ArrayList<>();
        int bytes = 0;
        if (dropped > 0) {
            LogplexFrame l10 = new LogplexFrame(172, LogplexFrame.timestamp(clock.instant()), host(), "heroku", "logplex",
                    "-", "Error L10 (output buffer overflow): " + dropped + " messages dropped since "
                    + LogplexFrame.timestamp(droppedSince) + ".");
            frames.add(l10);
            bytes += l10.toSyslog().length() + 8;
            dropped = 0;
            droppedSince = null;
        }
        long next = -1;
        int lines = 0;
        while (!buffer.isEmpty()) {
            Pending pending = buffer.peekFirst();
            LogLine line = pending.line();
            LogplexFrame frame = new LogplexFrame(line.priority(), line.timestamp(), host(), line.source(),
                    line.dyno(), "-", line.message());
            int size = frame.toSyslog().getBytes(StandardCharsets.UTF_8).length + 8;
            if (lines > 0 && bytes + size > MAX_BATCH_BYTES) {
                break;
            }
            buffer.pollFirst();
            frames.add(frame);
            bytes += size;
            lines++;
            next = pending.offset() + 1;
        }
        return new DrainBatch(UUID.randomUUID().toString().replace("-", ""), frames, next, lines);
    }

    /** Logplex puts the drain token in a syslog frame's HOSTNAME; HTTPS drains carry it in a header. */
    private String host() {
        return url.kind() == DrainUrl.Kind.HTTP ? "host" : drain.token();
    }

    private void commit(KafkaConsumer<String, byte[]> c, TopicPartition partition) {
        if (doneThrough >= 0 && c.assignment().contains(partition)) {
            c.commitAsync(Map.of(partition, new OffsetAndMetadata(doneThrough)), (offsets, error) -> {
                if (error != null) {
                    LOG.warnf("drain %s could not commit its position: %s", drain.url(), error.getMessage());
                }
            });
        }
    }
}
