package dev.jp.bench;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.EventCodec;
import dev.jp.events.PlatformEvent;
import dev.jp.events.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The dyno facts the runner publishes on {@code platform.events} from now on, as the bench reads
 * them: each carries the runner's own timestamp (taken on this machine's clock right after the
 * transition, e.g. right after the fork returned), so a latency is measured where it happens, not
 * where the bench happens to notice it.
 */
final class DynoFacts implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<DynoStateChanged> states = new ArrayList<>();

    DynoFacts(String bootstrap) {
        consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap), new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(Topics.PLATFORM_EVENTS, Duration.ofSeconds(30)).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve "end" now: every later fact is seen
    }

    /** Waits until the app's facts so far satisfy the condition; returns what it computed from them. */
    <T> T await(String app, Duration timeout, Function<List<DynoStateChanged>, T> until) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(5))) {
                PlatformEvent event = EventCodec.decode(record.value());
                if (event instanceof DynoStateChanged changed) {
                    states.add(changed);
                }
            }
            List<DynoStateChanged> ofApp = states.stream().filter(s -> s.app().equals(app)).toList();
            T result = until.apply(ofApp);
            if (result != null) {
                return result;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the dyno facts of " + app + " did not get there within " + timeout + "; facts by state: "
                        + ofApp.stream().collect(java.util.stream.Collectors.groupingBy(DynoStateChanged::state,
                        java.util.stream.Collectors.counting())));
            }
        }
    }

    /** The first fact matching, once it has arrived. */
    DynoStateChanged first(String app, Duration timeout, Predicate<DynoStateChanged> matching) {
        return await(app, timeout, facts -> facts.stream().filter(matching).findFirst().orElse(null));
    }

    /** Once {@code count} distinct dynos have reached the state since {@code since}: each one's first such fact. */
    Map<String, DynoStateChanged> reached(String app, DynoState state, int count, Instant since, Duration timeout) {
        return await(app, timeout, facts -> {
            Map<String, DynoStateChanged> byDyno = new HashMap<>();
            facts.stream().filter(s -> s.state() == state && !s.occurredAt().isBefore(since))
                    .forEach(s -> byDyno.putIfAbsent(s.dyno(), s));
            return byDyno.size() >= count ? byDyno : null;
        });
    }

    @Override
    public void close() {
        consumer.close();
    }
}
