package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.ConfigVarsChanged;
import dev.jp.events.PlatformEvent;
import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.LogFold;
import dev.jp.reliability.support.PlatformEventsTopic;
import dev.jp.reliability.support.ReliabilityPlatform;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Fault 3: kill -9 platform-api in the middle of a burst of writes. */
class ApiCrashTest {

    private static final int WRITERS = 4;

    private final ReliabilityPlatform platform = ReliabilityPlatform.get();
    private final Api api = platform.api();

    @Test
    void after_a_kill_every_acknowledged_write_is_projected_once_and_the_rest_all_or_nothing() throws Exception {
        String app = platform.app("apikill", Map.of("worker", "sleep 3600"));
        Set<String> acknowledged = ConcurrentHashMap.newKeySet();
        Set<String> refused = ConcurrentHashMap.newKeySet();
        Set<String> unanswered = ConcurrentHashMap.newKeySet();
        AtomicInteger next = new AtomicInteger();
        ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
        for (int w = 0; w < WRITERS; w++) {
            writers.submit(() -> {
                // Each writer goes on until its own request fails: the API is gone.
                while (true) {
                    String key = "BURST_" + next.getAndIncrement();
                    try {
                        Api.Reply reply = api.send("PATCH", "/apps/" + app + "/config-vars", Map.of(key, key.toLowerCase()),
                                Map.of("Idempotency-Key", key), Duration.ofSeconds(30));
                        if (reply.status() == 409) {
                            refused.add(key); // another writer's change came first: answered, not applied
                        } else if (reply.status() != 200) {
                            unanswered.add(key);
                            return;
                        } else {
                            acknowledged.add(key);
                        }
                    } catch (RuntimeException connectionLost) {
                        unanswered.add(key);
                        return;
                    }
                }
            });
        }
        await().atMost(Duration.ofMinutes(1)).until(() -> acknowledged.size() >= 20);
        platform.local().kill("api.1");
        writers.shutdown();
        assertThat(writers.awaitTermination(1, TimeUnit.MINUTES)).isTrue();
        platform.local().restart("api.1");
        // The restarted API's projector rejoins its group as itself (static membership): writes are
        // answered again at once, not after the group gave up on the killed process (~45 s before).
        long healthy = System.nanoTime();
        await("writes are answered again soon after the restart").atMost(Duration.ofSeconds(30))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> api.send("PATCH", "/apps/" + app + "/config-vars", Map.of("AFTER_RESTART", "yes"),
                        Map.of("Idempotency-Key", "AFTER_RESTART"), Duration.ofSeconds(30)).status() != 503);
        System.err.printf("api kill -9: writes answered again %d ms after the restarted API was healthy%n",
                Duration.ofNanos(System.nanoTime() - healthy).toMillis());

        List<PlatformEvent> events = PlatformEventsTopic.of(platform.kafka(), app);
        LogFold fold = LogFold.of(events);
        Map<String, Integer> inLog = fold.configKeysSet();
        await("the projection catches up after the restart").atMost(Duration.ofMinutes(1)).untilAsserted(() ->
                assertThat(Api.JSON.convertValue(api.get("/apps/" + app + "/config-vars"), Map.class)).isEqualTo(fold.config()));
        @SuppressWarnings("unchecked")
        Map<String, String> config = Api.JSON.convertValue(api.get("/apps/" + app + "/config-vars"), Map.class);
        for (String key : acknowledged) {
            assertThat(inLog.get(key)).as("acknowledged %s is applied in the log once", key).isEqualTo(1);
            assertThat(config).as("acknowledged %s is projected", key).containsEntry(key, key.toLowerCase());
        }
        for (String key : refused) {
            assertThat(inLog).as("refused %s is not applied", key).doesNotContainKey(key);
        }
        for (String key : unanswered) {
            assertThat(config.containsKey(key)).as("unanswered %s: projected iff applied in the log", key)
                    .isEqualTo(inLog.containsKey(key));
        }
        // "Fully in": a config change is also a release; each one the log applied is there.
        for (int version : fold.applied().stream().filter(ConfigVarsChanged.class::isInstance)
                .map(e -> ((ConfigVarsChanged) e).releaseVersion()).toList()) {
            assertThat(api.send("GET", "/apps/" + app + "/releases/" + version, null).status())
                    .as("release v%d", version).isEqualTo(200);
        }

        // The clients retry what got no answer, with the same Idempotency-Key: afterwards all are in. A
        // 409 is an answer (kept for its key, like any 4xx): the client reads again and retries with a new key.
        int conflicts = 0;
        for (String key : unanswered) {
            Api.Reply retry = api.send("PATCH", "/apps/" + app + "/config-vars", Map.of(key, key.toLowerCase()),
                    Map.of("Idempotency-Key", key), Duration.ofSeconds(30));
            // 503 (the restarted API's projector still rejoining its group): the same key again, as a client would.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (retry.status() == 503 && System.nanoTime() < deadline) {
                retry = api.send("PATCH", "/apps/" + app + "/config-vars", Map.of(key, key.toLowerCase()),
                        Map.of("Idempotency-Key", key), Duration.ofSeconds(30));
            }
            for (int again = 1; retry.status() == 409 && again <= 5; again++) {
                conflicts++;
                retry = api.send("PATCH", "/apps/" + app + "/config-vars", Map.of(key, key.toLowerCase()),
                        Map.of("Idempotency-Key", key + "-" + again), Duration.ofSeconds(30));
            }
            assertThat(retry.status()).as("retry of %s: %s", key, retry.body()).isEqualTo(200);
        }
        assertThat(Api.JSON.convertValue(api.get("/apps/" + app + "/config-vars"), Map.class)).containsKeys(unanswered.toArray());
        Map<String, Integer> afterRetries = LogFold.of(PlatformEventsTopic.of(platform.kafka(), app)).configKeysSet();
        assertThat(afterRetries.entrySet().stream().filter(e -> acknowledged.contains(e.getKey()) && e.getValue() > 1))
                .as("an acknowledged write is never appended again").isEmpty();
        System.err.printf("api kill -9: %d writes acknowledged, %d refused with 409, %d unanswered (%d of those already in the log); "
                        + "their retries met %d conflicts; afterwards %d keys were changed twice%n",
                acknowledged.size(), refused.size(), unanswered.size(),
                unanswered.stream().filter(inLog::containsKey).count(), conflicts,
                afterRetries.values().stream().filter(count -> count > 1).count());
    }
}
