package dev.jp.logs.testing;

import static org.awaitility.Awaitility.await;

import dev.jp.events.AppCreated;
import dev.jp.events.AppDestroyed;
import dev.jp.events.EventCodec;
import dev.jp.events.PlatformEvent;
import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/** Creates apps as platform-api would: an {@code app.created.v1} on {@code platform.events}. */
public final class TestApps {

    /** An app and its two intake tokens. */
    public record TestApp(String name, String appId, String appToken, String herokuToken) {
    }

    private TestApps() {
    }

    /** A new app with a unique name, once the router takes its lines. */
    public static TestApp create(KafkaClients kafka, Intake intake, String prefix) {
        TestApp app = unpublished(prefix);
        publish(kafka, created(app));
        await().atMost(Duration.ofSeconds(30)).until(() -> intake.post(app.appToken(), new byte[0]).statusCode() == 204);
        return app;
    }

    /** A new app with a unique name, not yet told to the router. */
    public static TestApp unpublished(String prefix) {
        return new TestApp(prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
                UUID.randomUUID().toString(), "t." + UUID.randomUUID(), "t." + UUID.randomUUID());
    }

    public static AppCreated created(TestApp app) {
        return new AppCreated(app.name(), "test@example.com", Instant.now(), 0L, app.appId(),
                "owner", "test@example.com", "local", "jp-22", app.appToken(), app.herokuToken());
    }

    public static void destroy(KafkaClients kafka, TestApp app) {
        publish(kafka, new AppDestroyed(app.name(), "test@example.com", Instant.now(), 1L, app.appId()));
    }

    public static void publish(KafkaClients kafka, PlatformEvent event) {
        publish(kafka, List.of(event));
    }

    /** All at once, as a burst of API requests would append them. */
    public static void publish(KafkaClients kafka, List<? extends PlatformEvent> events) {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            List<Future<RecordMetadata>> sent = events.stream()
                    .map(event -> producer.send(new ProducerRecord<>(Topics.PLATFORM_EVENTS, event.app(), EventCodec.encode(event))))
                    .toList();
            for (Future<RecordMetadata> each : sent) {
                each.get();
            }
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
