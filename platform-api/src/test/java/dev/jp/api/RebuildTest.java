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
            "select partition, log_offset, app_name, type, by_actor, occurred_at, json from events order by partition, log_offset",
            "select key, request, status, app_name, event_partition, event_offset from idempotent_responses order by key");

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

    /**
     * A rebuild asked for while the projector is still working through a backlog of several polls:
     * the poll it holds when the rebuild starts was read from the old position and must not be
     * applied to the emptied projection (it would be applied first and the replay would then skip
     * everything before it).
     */
    @Test
    void a_rebuild_asked_for_during_a_backlog_replays_every_event_in_order() throws Throwable {
        String prefix = "backlog" + java.util.UUID.randomUUID().toString().substring(0, 6);
        // About ten polls (a poll is ~1 MB of records): the rebuild is asked for while most are still to come.
        int apps = 100;
        int changes = 330;
        // One Kafka transaction: the projector (read_committed) sees the whole backlog at once, in full polls.
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                Map.of("bootstrap.servers", bootstrapServers, "linger.ms", 20, "transactional.id", prefix),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            producer.initTransactions();
            producer.beginTransaction();
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
            producer.commitTransaction();
        }
        // The first poll of the backlog is projected: the rebuild is asked for while the next ones are under way.
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                .until(() -> count("select count(*) from apps where name like '" + prefix + "%'") > 0);

        api().post("/admin/rebuild").then().statusCode(200);

        assertThat(count("select count(*) from releases where app_name like '" + prefix + "%'")).isEqualTo(apps * changes);
        assertThat(count("select count(*) from apps where name like '" + prefix + "%' and version = " + (changes + 1))).isEqualTo(apps);
    }

    /**
     * A long history of every kind of change the projection folds (creates, conflicts, destroys and
     * re-creates, config changes, one-offs, dyno facts that add and remove rows, keyed events and
     * their retries' copies, an unreadable record): first projected live one event at a time, then a
     * burst projected in large polls; a rebuild, which folds whole polls at once, gives exactly the
     * same rows.
     */
    @Test
    void a_rebuild_of_a_long_mixed_history_gives_exactly_the_live_projection() throws Throwable {
        String prefix = "mixed" + java.util.UUID.randomUUID().toString().substring(0, 6);
        java.util.Random random = new java.util.Random(42);
        try (var producer = new org.apache.kafka.clients.producer.KafkaProducer<String, byte[]>(
                Map.of("bootstrap.servers", bootstrapServers, "acks", "all"),
                new org.apache.kafka.common.serialization.StringSerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer())) {
            java.time.Instant at = java.time.Instant.parse("2026-11-21T10:00:00Z");
            for (int i = 0; i < 300; i++) {
                boolean oneByOne = i < 150;
                var sent = sendRecord(producer, mixedEvent(prefix, random, i, at.plusSeconds(i)));
                if (oneByOne) {
                    var metadata = sent.get();
                    org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).pollInterval(java.time.Duration.ofMillis(5))
                            .until(() -> projectedBeyond(metadata.partition(), metadata.offset()));
                }
            }
            var last = sendRecord(producer, new dev.jp.events.AppCreated(prefix + "-end", "dev@jp.local", at, 0L,
                    java.util.UUID.randomUUID().toString(), "owner", "dev@jp.local", "local", "jp-22", "t.a", "t.h")).get();
            producer.flush();
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(120))
                    .until(() -> count("select count(*) from apps where name = '" + prefix + "-end'") == 1
                            && projectedBeyond(last.partition(), last.offset()));
        }
        assertThat(count("select count(*) from dynos where app_name like '" + prefix + "%'")).isPositive();
        assertThat(count("select count(*) from idempotent_responses where app_name like '" + prefix + "%'")).isPositive();

        Map<String, List<String>> live = snapshot();
        api().post("/admin/rebuild").then().statusCode(200);

        assertThat(snapshot()).isEqualTo(live);
    }

    /** One step of the mixed history: mostly valid changes of four apps, some refused, some retried. */
    private static org.apache.kafka.clients.producer.ProducerRecord<String, byte[]> mixedEvent(
            String prefix, java.util.Random random, int step, java.time.Instant at) {
        String app = prefix + "-" + random.nextInt(4);
        String dyno = random.nextBoolean() ? "web." + (1 + random.nextInt(2)) : "run." + (1 + random.nextInt(3));
        int roll = random.nextInt(100);
        dev.jp.events.PlatformEvent event;
        if (roll < 8) {
            event = new dev.jp.events.AppCreated(app, "dev@jp.local", at, null, java.util.UUID.randomUUID().toString(),
                    "owner", "dev@jp.local", "local", "jp-22", "t.a", "t.h");
        } else if (roll < 12) {
            event = new dev.jp.events.AppDestroyed(app, "dev@jp.local", at, null, "id");
        } else if (roll < 40) {
            // Every fifth change is decided on a version long gone: a conflict.
            event = new dev.jp.events.ConfigVarsChanged(app, "dev@jp.local", at, step % 5 == 0 ? 9_999L : null,
                    Map.of("K" + random.nextInt(5), "v" + step), random.nextBoolean() ? List.of("K" + random.nextInt(5)) : List.of(),
                    java.util.UUID.randomUUID().toString(), step + 1);
        } else if (roll < 52) {
            event = new dev.jp.events.OneOffDynoRequested(app, "dev@jp.local", at, null, dyno.startsWith("run.") ? dyno : "run.1",
                    "bash", Map.of(), "standard-1x", false, null);
        } else if (roll < 97) {
            dev.jp.events.DynoState[] states = dev.jp.events.DynoState.values();
            event = new dev.jp.events.DynoStateChanged(app, "runner:h1", at, null, dyno, dyno.substring(0, dyno.indexOf('.')),
                    1 + random.nextInt(3), states[random.nextInt(states.length)], "h1", (long) step, null, null,
                    random.nextInt(3), null, null);
        } else {
            var unreadable = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(dev.jp.events.Topics.PLATFORM_EVENTS,
                    app, "{not an event".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            return unreadable;
        }
        var record = new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(dev.jp.events.Topics.PLATFORM_EVENTS,
                event.app(), dev.jp.events.EventCodec.encode(event));
        if (random.nextInt(4) == 0) {
            // Keys repeat: a later event with a key already applied is a retry's copy and changes nothing.
            String key = "owner:" + prefix + "-key-" + random.nextInt(20);
            record.headers().add(dev.jp.api.http.IdempotentRequest.KEY_HEADER, key.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            record.headers().add(dev.jp.api.http.IdempotentRequest.REQUEST_HEADER,
                    ("PATCH /apps/" + app).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return record;
    }

    private static java.util.concurrent.Future<org.apache.kafka.clients.producer.RecordMetadata> sendRecord(
            org.apache.kafka.clients.producer.KafkaProducer<String, byte[]> producer, Object eventOrRecord) {
        @SuppressWarnings("unchecked")
        var record = eventOrRecord instanceof dev.jp.events.PlatformEvent event
                ? new org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>(dev.jp.events.Topics.PLATFORM_EVENTS,
                        event.app(), dev.jp.events.EventCodec.encode(event))
                : (org.apache.kafka.clients.producer.ProducerRecord<String, byte[]>) eventOrRecord;
        return producer.send(record);
    }

    private boolean projectedBeyond(int partition, long offset) {
        return count("select coalesce(max(next_offset), 0) from projector_offsets where partition = " + partition) > offset;
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
