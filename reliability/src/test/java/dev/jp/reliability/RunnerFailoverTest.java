package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.localstack.platform.LocalPlatform;
import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.DynoProcesses;
import dev.jp.reliability.support.ReliabilityPlatform;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Fault 1: kill -9 one of three dyno-runners while they run 20 dynos. */
class RunnerFailoverTest {

    private static final int DYNOS = 20;

    private final ReliabilityPlatform platform = ReliabilityPlatform.get();
    private final LocalPlatform local = platform.local();

    @Test
    void a_killed_runners_dynos_run_elsewhere_within_15_s_and_no_slot_runs_twice() throws Exception {
        List<String> runners = new ArrayList<>(List.of("runner.1",
                local.startRunner("reliability-b"), local.startRunner("reliability-c")));
        String app = platform.app("failover", Map.of("worker", "sleep 3600"));
        String victim = null;
        try {
            platform.scale(app, Map.of("worker", DYNOS));
            await("20 dynos, one process group each").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(200))
                    .until(() -> runsEachOnce(app));
            // The runner with the most of the app's dynos dies: the largest share to take over.
            Map<String, Integer> shares = new java.util.HashMap<>();
            for (String runner : runners) {
                shares.put(runner, dynosOn(runner, app).size());
            }
            victim = shares.entrySet().stream().max(Comparator.comparingInt(Map.Entry::getValue)).orElseThrow().getKey();
            List<Long> orphans = dynosOn(victim, app);
            assertThat(orphans).as("dynos on %s (shares %s)", victim, shares).isNotEmpty();

            long killedAt = System.nanoTime();
            local.kill(victim);
            await("the killed runner's dynos die with it").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(50))
                    .until(() -> orphans.stream().noneMatch(pid -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
            await("all 20 dynos run again").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100))
                    .until(() -> DynoProcesses.of(app).keySet().size() == DYNOS);
            long recovered = (System.nanoTime() - killedAt) / 1_000_000;
            // Once the group settles, every slot runs exactly once, and stays so.
            await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> runsEachOnce(app));
            await("no slot runs twice").during(Duration.ofSeconds(5)).atMost(Duration.ofSeconds(6))
                    .pollInterval(Duration.ofMillis(200)).until(() -> runsEachOnce(app));
            System.err.printf("runner failover: killed %s with %d of %d dynos; all %d running again %d ms after the kill%n",
                    victim, orphans.size(), DYNOS, DYNOS, recovered);
        } finally {
            platform.scale(app, Map.of("worker", 0));
            await().atMost(Duration.ofMinutes(1)).until(() -> DynoProcesses.of(app).isEmpty());
            for (String runner : runners) {
                if (runner.equals(victim)) {
                    if (runner.equals("runner.1")) {
                        local.restart(runner);
                    }
                } else if (!runner.equals("runner.1")) {
                    local.stop(runner);
                }
            }
        }
    }

    private static boolean runsEachOnce(String app) {
        Map<String, List<Long>> dynos = DynoProcesses.of(app);
        return dynos.size() == DYNOS && dynos.values().stream().allMatch(pids -> pids.size() == 1)
                && IntStream.rangeClosed(1, DYNOS).allMatch(i -> dynos.containsKey("worker." + i));
    }

    /** The pids of the app's dynos a runner says it runs (its operator view, {@code GET /dynos}). */
    private List<Long> dynosOn(String runner, String app) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(local.url(runner) + "/dynos")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        List<Long> pids = new ArrayList<>();
        for (JsonNode dyno : Api.JSON.readTree(response.body())) {
            if (dyno.path("app").asText().equals(app) && dyno.hasNonNull("pid")) {
                pids.add(dyno.path("pid").asLong());
            }
        }
        return pids;
    }
}
