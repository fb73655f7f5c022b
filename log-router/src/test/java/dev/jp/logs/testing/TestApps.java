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
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

/** Creates apps as platform-api would: an {@code app.created.v1} on {@code platform.events}. */
public final class TestApps {

    /** An app and its two intake tokens. */
    public record TestApp(String name, String appId, String appToken, String herokuToken) {
    }

    private TestApps() {
    }

    /** A new app with a unique name, once the router takes its lines. */
    public static TestApp create(KafkaClients kafka, Intake intake, String prefix) {
        TestApp app = new TestApp(prefix + "-" + UUID.randomUUID().toString().substring(0, 8),
                UUID.randomUUID().toString(), "t." + UUID.randomUUID(), "t." + UUID.randomUUID());
        publish(kafka, new AppCreated(app.name(), "test@example.com", Instant.now(), 0L, app.appId(),
                "owner", "test@example.com", "local", "jp-22", app.appToken(), app.herokuToken()));
        await().atMost(Duration.ofSeconds(30)).until(() -> intake.post(app.appToken(), new byte[0]).statusCode() == 204);
        return app;
    }

    public static void destroy(KafkaClients kafka, TestApp app) {
        publish(kafka, new AppDestroyed(app.name(), "test@example.com", Instant.now(), 1L, app.appId()));
    }

    public static void publish(KafkaClients kafka, PlatformEvent event) {
        try (KafkaProducer<String, byte[]> producer = kafka.producer()) {
            producer.send(new ProducerRecord<>(Topics.PLATFORM_EVENTS, event.app(), EventCodec.encode(event))).get();
        } catch (InterruptedException | ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }
}
