package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** Dropping the projections and replaying platform.events from offset 0 gives the same rows. */
@QuarkusTest
class RebuildTest {

    private static final List<String> TABLES = List.of(
            "select name, id, owner_id, version, destroyed, state, updated_at from apps order by name",
            "select id, app_id, version, slug_id, description, rollback_of, config, process_types, by_email, created_at from releases order by id",
            "select id, app_name, process_types, checksum, size, commit, created_at from slugs order by id",
            "select app_name, name, id, type, state, release_version, restart_count, updated_at from dynos order by app_name, name",
            "select partition, log_offset, app_name, type, by_actor, occurred_at, json from events order by partition, log_offset");

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void rebuilding_from_the_log_gives_the_same_projection_row_for_row() throws Throwable {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web", "worker", "./worker"));
        Api.scale(app, "worker", 3).statusCode(200);
        api().body(Map.of("A", "1", "B", "2")).patch("/apps/" + app + "/config-vars").then().statusCode(200);
        Map<String, Object> removeB = new java.util.HashMap<>();
        removeB.put("B", null);
        api().body(removeB).patch("/apps/" + app + "/config-vars").then().statusCode(200);
        api().body(Map.of("release", "1")).post("/apps/" + app + "/releases").then().statusCode(201);
        api().body(Map.of("url", "https://drain.example.com/x")).post("/apps/" + app + "/log-drains").then().statusCode(201);
        String gone = Api.newApp();
        api().delete("/apps/" + gone).then().statusCode(200);

        Map<String, List<String>> before = snapshot();
        Map<String, Object> report = api().post("/admin/rebuild").then().statusCode(200).extract().as(Map.class);
        Map<String, List<String>> after = snapshot();

        assertThat(((Number) report.get("events")).longValue()).isGreaterThanOrEqualTo(10);
        assertThat(after).isEqualTo(before);
        api().get("/apps/" + app + "/formation/worker").then().statusCode(200);
    }

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** A poll of many events of few apps completes much of its work synchronously: it must not recurse per event. */
    @Test
    void projects_and_rebuilds_thousands_of_events_that_arrive_in_one_poll() throws Throwable {
        String prefix = "bulk" + java.util.UUID.randomUUID().toString().substring(0, 6);
        int apps = 20;
        int changes = 150;
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 20),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            java.time.Instant at = java.time.Instant.parse("2026-11-21T10:00:00Z");
            for (int a = 0; a < apps; a++) {
                String app = prefix + "-" + a;
                send(producer, new dev.jp.events.AppCreated(app, "dev@jp.local", at, 0L, java.util.UUID.randomUUID().toString(),
                        "owner", "dev@jp.local", "local", "jp-22", "t.a", "t.h"));
                for (int c = 1; c <= changes; c++) {
                    send(producer, new dev.jp.events.ConfigVarsChanged(app, "dev@jp.local", at.plusSeconds(c), (long) c,
                            Map.of("K" + (c % 5), "v" + c), List.of(), java.util.UUID.randomUUID().toString(), c));
                }
            }
        }
        String last = prefix + "-" + (apps - 1);
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120)).until(() -> count("select count(*) from releases where app_name like '" + prefix + "%'") == apps * changes);

        api().post("/admin/rebuild").then().statusCode(200);

        assertThat(count("select count(*) from releases where app_name like '" + prefix + "%'")).isEqualTo(apps * changes);
        assertThat(count("select version from apps where name = '" + last + "'")).isEqualTo(changes + 1);
    }

    private static void send(org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer, dev.jp.events.PlatformEvent event) {
        producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(dev.jp.events.Topics.PLATFORM_EVENTS, event.app(),
                dev.jp.events.EventCodec.encode(event)));
    }

    private long count(String query) {
        try {
            Object result = VertxContextSupport.subscribeAndAwait(() ->
                    sessions.withSession(session -> session.createNativeQuery(query).getSingleResult()));
            return ((Number) result).longValue();
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, List<String>> snapshot() throws Throwable {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        for (String query : TABLES) {
            List<Object> result = VertxContextSupport.subscribeAndAwait(() ->
                    sessions.withSession(session -> session.createNativeQuery(query).getResultList()));
            rows.put(query, result.stream().map(row -> row instanceof Object[] columns ? Arrays.deepToString(columns) : String.valueOf(row)).toList());
        }
        return rows;
    }
}
