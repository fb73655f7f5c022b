package dev.jp.logs.sessions;

import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.jboss.logging.Logger;

/**
 * The one Kafka consumer of an app on this node, shared by all its tails: it reads each new line
 * once, decodes it once, and offers it to every tail's {@link TailBuffer}, which never blocks it.
 * So a slow tail costs only its own lines.
 */
final class AppFollower {

    private static final Logger LOG = Logger.getLogger(AppFollower.class);

    private final String app;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Set<TailBuffer> tails = new CopyOnWriteArraySet<>();
    private final Thread thread;
    private volatile boolean stopped;
    /** The offset of the next line this follower hands to its tails; guarded by {@code this}. */
    private long next;

    /** Starts following at the end of the app's topic. Blocks for the topic's metadata. */
    AppFollower(String app, KafkaClients kafka) {
        this.app = app;
        this.consumer = kafka.reader(500);
        TopicPartition partition = new TopicPartition(Topics.logs(app), 0);
        consumer.assign(List.of(partition));
        consumer.seekToEnd(List.of(partition));
        this.next = consumer.position(partition, Duration.ofSeconds(10));
        this.thread = new Thread(this::run, "tail-follower-" + app);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * Adds a tail and answers the offset of the first line it will be offered: everything before
     * it is history, to be read from the topic.
     */
    synchronized long add(TailBuffer tail) {
        tails.add(tail);
        return next;
    }

    /** Removes a tail; answers whether none is left (the caller then stops this follower). */
    synchronized boolean remove(TailBuffer tail) {
        tails.remove(tail);
        return tails.isEmpty();
    }

    /** The app is gone: every tail ends after what it has, and the consumer stops. */
    synchronized void end() {
        tails.forEach(TailBuffer::end);
        tails.clear();
        stop();
    }

    void stop() {
        stopped = true;
        consumer.wakeup();
    }

    boolean isStopped() {
        return stopped;
    }

    /**
     * How long lines may gather before they go to the tails: one write per tail per window. Each
     * write costs the router the Vert.x/Netty write chain and a system call whatever its size, so with
     * many tails the window grows with them (a millisecond per {@value #TAILS_PER_WINDOW_MILLI} tails, at
     * most {@value #MAX_WINDOW_MILLIS} ms), which bounds the writes per second of an app on this
     * node however many tails it has; a few tails get each line as soon as it is read.
     *
     * <p>Measured, not guessed: in tails-1k runs interleaved at the same load (2026-11-21,
     * bench/README.md), 1 ms per 25 tails up to 40 ms and 1 ms per 100 tails up to 10 ms both gave
     * several times the latency of these values.
     */
    static final int TAILS_PER_WINDOW_MILLI = 50;
    static final long MAX_WINDOW_MILLIS = 20;

    private void run() {
        try {
            while (!stopped) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                if (records.isEmpty()) {
                    continue;
                }
                SseChunk chunk = new SseChunk(null, records.count());
                long last = add(records, chunk);
                long window = Math.min(MAX_WINDOW_MILLIS, tails.size() / TAILS_PER_WINDOW_MILLI);
                long closes = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(window);
                for (long left = window; left > 0 && !stopped; left = TimeUnit.NANOSECONDS.toMillis(closes - System.nanoTime())) {
                    ConsumerRecords<String, byte[]> more = consumer.poll(Duration.ofMillis(left));
                    if (!more.isEmpty()) {
                        last = add(more, chunk);
                    }
                }
                List<StoredLine> batch = chunk.lines();
                synchronized (this) {
                    for (TailBuffer tail : tails) {
                        tail.offer(batch);
                    }
                    next = last + 1;
                }
            }
        } catch (WakeupException stopping) {
            // stop()
        } catch (RuntimeException e) {
            LOG.errorf(e, "stopped following logs of %s", app);
            stopped = true;
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /** Renders the records onto the batch's chunk; answers the offset of the last one. */
    private static long add(ConsumerRecords<String, byte[]> records, SseChunk chunk) {
        long last = -1;
        for (ConsumerRecord<String, byte[]> record : records) {
            last = record.offset();
            if (record.value() != null && !chunk.add(record.offset(), record.value())) {
                LOG.warnf("skipping unreadable line %s@%d", record.topic(), record.offset());
            }
        }
        return last;
    }
}
