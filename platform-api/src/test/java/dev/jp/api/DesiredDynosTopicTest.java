package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DesiredDyno;
import dev.jp.events.EventCodec;
import dev.jp.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** The formation, expanded per slot, is what runners see on the compacted topic dynos.desired. */
@QuarkusTest
class DesiredDynosTopicTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void scaling_publishes_slots_and_tombstones_and_config_changes_move_every_slot_to_the_new_release_and_one_offs_carry_their_time_to_live_and_force_no_tty() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web --port $PORT", "worker", "./work"));
        api().body(Map.of("updates", List.of(Map.of("type", "web", "quantity", 3), Map.of("type", "worker", "quantity", 2))))
                .patch("/apps/" + app + "/formation").then().statusCode(200);

        Map<String, DesiredDyno> desired = new ConcurrentHashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DYNOS_DESIRED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Runnable poll = () -> consumer.poll(Duration.ofMillis(100)).forEach(record -> {
                String slot = Topics.parseDesiredDynoKey(record.key()).slot();
                if (record.key().startsWith(app + "/")) {
                    if (record.value() == null) {
                        desired.remove(slot);
                    } else {
                        desired.put(slot, EventCodec.decodeDesired(record.value()));
                    }
                }
            });

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                poll.run();
                assertThat(desired).containsOnlyKeys("web.1", "web.2", "web.3", "worker.1", "worker.2");
            });
            DesiredDyno web2 = desired.get("web.2");
            assertThat(web2.command()).isEqualTo("./web --port $PORT");
            assertThat(web2.env()).containsEntry("DYNO", "web.2").containsEntry("JP_APP", app).containsEntry("JP_RELEASE_VERSION", "1");
            assertThat(web2.slugUrl()).contains("/internal/slugs/" + web2.slugId());
            assertThat(web2.slugChecksum()).startsWith("SHA256:");

            Api.scale(app, "web", 1).statusCode(200);
            api().body(Map.of("GREETING", "hi")).patch("/apps/" + app + "/config-vars").then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                poll.run();
                assertThat(desired).containsOnlyKeys("web.1", "worker.1", "worker.2");
                assertThat(desired.values()).allSatisfy(dyno -> {
                    assertThat(dyno.releaseVersion()).isEqualTo(2);
                    assertThat(dyno.env()).containsEntry("GREETING", "hi");
                });
            });

            long nonce = desired.get("worker.1").restartNonce();
            api().delete("/apps/" + app + "/formations/worker").then().statusCode(202);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                poll.run();
                assertThat(desired.get("worker.1").restartNonce()).isGreaterThan(nonce);
                assertThat(desired.get("web.1").restartNonce()).isEqualTo(0);
            });

            api().body(Map.of("command", "rake db:migrate", "attach", false, "time_to_live", 600))
                    .post("/apps/" + app + "/dynos").then().statusCode(201);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                poll.run();
                assertThat(desired).containsKey("run.1");
                assertThat(desired.get("run.1").oneOff()).isTrue();
                assertThat(desired.get("run.1").timeToLive()).isEqualTo(600);
            });

            // `echo hi | heroku run cat`: the CLI asks for no terminal; without it, an attached one-off gets one.
            api().body(Map.of("command", "cat", "attach", true, "force_no_tty", true))
                    .post("/apps/" + app + "/dynos").then().statusCode(201);
            api().body(Map.of("command", "bash", "attach", true))
                    .post("/apps/" + app + "/dynos").then().statusCode(201);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                poll.run();
                assertThat(desired).containsKeys("run.2", "run.3");
                assertThat(desired.get("run.2").forceNoTty()).isTrue();
                assertThat(desired.get("run.3").forceNoTty()).isFalse();
                assertThat(desired.get("run.1").forceNoTty()).as("unattached").isFalse();
            });

            api().delete("/apps/" + app).then().statusCode(200);
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                poll.run();
                assertThat(desired).isEmpty();
            });
        }
    }
}
