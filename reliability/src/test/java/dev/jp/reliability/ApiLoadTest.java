package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.DynoProcesses;
import dev.jp.reliability.support.LogFold;
import dev.jp.reliability.support.PlatformEventsTopic;
import dev.jp.reliability.support.ReliabilityPlatform;
import dev.jp.reliability.support.Soak;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Load 1: many concurrent API clients mixing reads with conflicting writes. */
class ApiLoadTest {

    private static final List<String> APPS = List.of("a", "b");

    private final ReliabilityPlatform platform = ReliabilityPlatform.get();
    private final Api api = platform.api();

    @Test
    void concurrent_clients_get_no_5xx_every_write_is_2xx_409_or_412_and_the_state_is_the_fold_of_the_log() throws Exception {
        int clients = Soak.pick(100, 1000);
        Duration duration = Duration.ofSeconds(Soak.pick(15, 60));
        List<String> apps = APPS.stream().map(name -> platform.app("load-" + name, Map.of("idle", "sleep 3600"))).toList();
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<Long> millis = Collections.synchronizedList(new ArrayList<>());
        List<String> unexpected = Collections.synchronizedList(new ArrayList<>());

        ExecutorService pool = Executors.newFixedThreadPool(clients);
        long end = System.nanoTime() + duration.toNanos();
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end) {
                    String app = apps.get(random.nextInt(apps.size()));
                    Operation op = Operation.values()[random.nextInt(Operation.values().length)];
                    Api.Reply reply = op.run(api, app, random);
                    millis.add(reply.took().toMillis());
                    outcomes.computeIfAbsent(op + " " + reply.status(), k -> new AtomicLong()).incrementAndGet();
                    if (!op.expected(reply.status())) {
                        unexpected.add(op + " answered " + reply.status() + ": " + reply.body());
                    }
                }
                return null;
            }));
        }
        for (Future<?> client : running) {
            client.get();
        }
        pool.shutdown();

        List<Long> sorted = new ArrayList<>(millis);
        Collections.sort(sorted);
        System.err.printf("api load: %d clients for %d s, %d requests (%.0f/s): %s; p50 %d ms, p99 %d ms, max %d ms%n",
                clients, duration.toSeconds(), sorted.size(), sorted.size() / (double) duration.toSeconds(), new TreeMap<>(outcomes),
                sorted.get(sorted.size() / 2), sorted.get((int) (sorted.size() * 0.99)), sorted.get(sorted.size() - 1));
        assertThat(unexpected).as("answers other than 2xx for reads and 2xx/409/412 for writes").isEmpty();

        for (String app : apps) {
            LogFold fold = LogFold.of(PlatformEventsTopic.of(platform.kafka(), app));
            Map<String, Integer> formation = new TreeMap<>();
            for (JsonNode type : api.get("/apps/" + app + "/formation")) {
                formation.put(type.path("type").asText(), type.path("quantity").asInt());
            }
            assertThat(formation).as("formation of %s = fold of its log", app).containsAllEntriesOf(fold.formation());
            assertThat(Api.JSON.convertValue(api.get("/apps/" + app + "/config-vars"), Map.class))
                    .as("config of %s = fold of its log", app).isEqualTo(fold.config());
            System.err.printf("api load: %s: %d decisions applied, %d refused as conflicts in the log%n",
                    app, fold.applied().size(), fold.conflicts());
            platform.scale(app, Map.of("idle", 0));
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> apps.stream().allMatch(app -> DynoProcesses.of(app).isEmpty()));
    }

    /** What a client does: reads, and writes that race each other (If-Match on the version read, or none). */
    private enum Operation {
        READ_APP, READ_FORMATION, READ_CONFIG, READ_DYNOS, SCALE_IF_MATCH, SCALE, SET_CONFIG_IF_MATCH, SET_CONFIG;

        Api.Reply run(Api api, String app, ThreadLocalRandom random) {
            String base = "/apps/" + app;
            return switch (this) {
                case READ_APP -> get(api, base);
                case READ_FORMATION -> get(api, base + "/formation");
                case READ_CONFIG -> get(api, base + "/config-vars");
                case READ_DYNOS -> get(api, base + "/dynos");
                case SCALE_IF_MATCH -> write(api, base + "/formation", scale(random), get(api, base).etag());
                case SCALE -> write(api, base + "/formation", scale(random), null);
                case SET_CONFIG_IF_MATCH -> write(api, base + "/config-vars", config(random), get(api, base).etag());
                case SET_CONFIG -> write(api, base + "/config-vars", config(random), null);
            };
        }

        boolean expected(int status) {
            return name().startsWith("READ") ? status == 200 : status == 200 || status == 409 || status == 412;
        }

        private static Api.Reply get(Api api, String path) {
            return api.send("GET", path, null, Map.of(), Duration.ofSeconds(60));
        }

        private static Api.Reply write(Api api, String path, Object body, String etag) {
            return api.send("PATCH", path, body, etag == null ? Map.of() : Map.of("If-Match", etag), Duration.ofSeconds(60));
        }

        private static Object scale(ThreadLocalRandom random) {
            return Map.of("updates", List.of(Map.of("type", "idle", "quantity", random.nextInt(3))));
        }

        private static Object config(ThreadLocalRandom random) {
            return Map.of("K" + random.nextInt(5), Integer.toString(random.nextInt(1000)));
        }
    }
}
