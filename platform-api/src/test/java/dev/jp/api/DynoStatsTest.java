package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.DynoStats;
import dev.jp.events.EventCodec;
import dev.jp.events.Topics;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** jp ps shows CPU and memory: the newest sample a runner wrote to dynos.stats, for a dyno that is up. */
@QuarkusTest
class DynoStatsTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @Test
    void shows_the_newest_sample_of_a_running_dyno() throws Exception {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        Instant now = Instant.now();
        try (var producer = new KafkaProducer<String, byte[]>(Map.of("bootstrap.servers", bootstrapServers),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.PLATFORM_EVENTS, app, EventCodec.encode(new DynoStateChanged(app,
                    "runner:h1", now, null, "web.1", "web", 1, DynoState.UP, "h1", 4242L, null, null, 0, null, null)))).get();
            for (double rss : new double[] {80.0, 96.5}) {
                DynoStats sample = new DynoStats(app, "web.1", "h1", 12.5, rss, 70.25, now);
                producer.send(new ProducerRecord<>(Topics.DYNOS_STATS, sample.key(), EventCodec.encodeStats(sample))).get();
            }
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> api().get("/apps/" + app + "/dynos/web.1").then()
                .statusCode(200).body("state", equalTo("up")).body("memory_rss_mb", equalTo(96.5f))
                .body("cpu_percent", equalTo(12.5f)).body("memory_pss_mb", equalTo(70.25f)).body("host", equalTo("h1")));
        api().get("/apps/" + app + "/dynos").then().body("find { it.name == 'web.1' }.pid", equalTo(4242));
        Api.scale(app, "web", 0).statusCode(200);
        api().get("/apps/" + app + "/dynos").then().body("find { it.name == 'web.2' }", nullValue());
    }
}
