package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.jp.api.http.IdempotentRequest;
import dev.jp.events.EventCodec;
import dev.jp.events.FormationScaled;
import dev.jp.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The gap a plain response cache leaves: a keyed write whose event was appended but whose answer
 * was lost (the client saw 503 "recorded but not yet applied"). The test plays that first try by
 * appending the event itself, tagged as the API tags it; the client's retry must change nothing.
 */
@QuarkusTest
class LostAnswerRetryTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void a_retry_after_a_lost_answer_changes_nothing_and_answers_with_the_state() throws Exception {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        String key = UUID.randomUUID().toString();
        appendFirstTry(app, key, null, 2);
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                api().get("/apps/" + app + "/formation/web").then().body("quantity", equalTo(2)));

        api().header("Idempotency-Key", key).body(Map.of("updates", List.of(Map.of("type", "web", "quantity", "+1"))))
                .patch("/apps/" + app + "/formation").then().statusCode(200).body("[0].quantity", equalTo(2));

        api().get("/apps/" + app + "/formation/web").then().body("quantity", equalTo(2));
        api().get("/apps/" + app + "/events?type=formation.scaled.v1").then().body("$", hasSize(1));
    }

    @Test
    void a_retry_copy_appended_before_the_first_was_applied_is_applied_once_also_after_a_rebuild() throws Exception {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        String key = UUID.randomUUID().toString();
        appendFirstTry(app, key, null, 3);
        appendFirstTry(app, key, null, 4);
        String marker = Api.newApp();
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                api().get("/apps/" + app + "/events?type=formation.scaled.v1").then().body("$", hasSize(1)));
        api().get("/apps/" + app + "/formation/web").then().body("quantity", equalTo(3));

        api().post("/admin/rebuild").then().statusCode(200);
        api().get("/apps/" + marker).then().statusCode(200);
        api().get("/apps/" + app + "/formation/web").then().body("quantity", equalTo(3));
        api().get("/apps/" + app + "/events?type=formation.scaled.v1").then().body("$", hasSize(1));
    }

    /** Appends what the API appends for {@code PATCH /apps/APP/formation} with this key. */
    private void appendFirstTry(String app, String key, Long appVersion, int quantity) throws Exception {
        String account = api().get("/account").then().statusCode(200).extract().path("id");
        FormationScaled event = new FormationScaled(app, "test@jp.local", Instant.now(), appVersion,
                List.of(new FormationScaled.Change("web", quantity, "standard-1X")));
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PLATFORM_EVENTS, app, EventCodec.encode(event));
        record.headers().add(IdempotentRequest.KEY_HEADER, (account + ":" + key).getBytes(StandardCharsets.UTF_8));
        record.headers().add(IdempotentRequest.REQUEST_HEADER, ("PATCH /apps/" + app + "/formation").getBytes(StandardCharsets.UTF_8));
        try (var producer = new KafkaProducer<>(Map.<String, Object>of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(record).get();
        }
    }
}
