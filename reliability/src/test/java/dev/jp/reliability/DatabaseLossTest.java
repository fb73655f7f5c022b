package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.jp.localstack.postgres.DatabaseUrl;
import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.DynoProcesses;
import dev.jp.reliability.support.ReliabilityPlatform;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Fault 4: the platform's PostgreSQL database is dropped; the log rebuilds it. */
class DatabaseLossTest {

    /** What changes with time, not with the log: the dynos' CPU and memory samples. */
    private static final List<String> SAMPLES = List.of("cpu_percent", "memory_rss_mb", "memory_pss_mb");

    private final ReliabilityPlatform platform = ReliabilityPlatform.get();
    private final Api api = platform.api();

    @Test
    void a_dropped_database_is_rebuilt_from_the_log_with_the_same_releases_formation_config_and_dyno_history() throws Exception {
        Assumptions.assumeTrue(System.getenv("JP_DATABASE_URL") == null, "an external database is never dropped");
        String app = platform.app("dbloss", Map.of("worker", "sleep 3600", "crasher", "exit 3"));
        api.call("PATCH", "/apps/" + app + "/config-vars", Map.of("A", "1", "B", "2"), 200);
        platform.scale(app, Map.of("worker", 2, "crasher", 1));
        await().atMost(Duration.ofMinutes(1)).until(() -> DynoProcesses.of(app).containsKey("worker.2"));
        api.call("PATCH", "/apps/" + app + "/config-vars", Map.of("B", "3"), 200);
        api.call("DELETE", "/apps/" + app + "/dynos/worker.1", null, 202);
        JsonNode first = api.get("/apps/" + app + "/releases/1");
        api.call("POST", "/apps/" + app + "/releases", Map.of("release", first.path("id").asText()), 201);
        platform.scale(app, Map.of("worker", 1, "crasher", 0));
        // Let the dynos settle, so that the state compared is not moving under the comparison.
        await().atMost(Duration.ofMinutes(1)).until(() -> DynoProcesses.of(app).keySet().equals(java.util.Set.of("worker.1")));
        await().atMost(Duration.ofSeconds(30)).until(() -> api.get("/apps/" + app + "/dynos").size() == 1
                && api.get("/apps/" + app + "/dynos").get(0).path("state").asText().equals("up"));
        Map<String, JsonNode> before = state(app);

        platform.local().stop("api.1");
        DatabaseUrl database = platform.local().database();
        platform.local().stack().postgres().dropDatabase(database);
        assertThatThrownBy(() -> connect(database)).as("the database is gone").isInstanceOf(SQLException.class);
        platform.local().stack().platformDatabase();
        long restartedAt = System.nanoTime();
        platform.local().restart("api.1");
        await("the API replays the log into the new database").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> assertThat(state(app)).isEqualTo(before));
        long rebuiltMillis = (System.nanoTime() - restartedAt) / 1_000_000;

        JsonNode rebuild = api.call("POST", "/admin/rebuild", null, 200);
        assertThat(state(app)).as("after POST /admin/rebuild too").isEqualTo(before);
        System.err.printf("database loss: restart of the API and replay of the log took %d ms; "
                + "POST /admin/rebuild replayed %s events in %s s; %d releases, %d events of history equal%n",
                rebuiltMillis, rebuild.path("events"), rebuild.path("seconds"), before.get("releases").size(),
                before.get("events").size());
        platform.scale(app, Map.of("worker", 0));
    }

    /** Everything a user can read about the app, as JSON, without the samples that change by the second. */
    private Map<String, JsonNode> state(String app) {
        Map<String, JsonNode> state = new LinkedHashMap<>();
        state.put("app", api.get("/apps/" + app));
        state.put("releases", api.get("/apps/" + app + "/releases"));
        state.put("formation", api.get("/apps/" + app + "/formation"));
        state.put("config", api.get("/apps/" + app + "/config-vars"));
        state.put("dynos", withoutSamples(api.get("/apps/" + app + "/dynos")));
        state.put("events", api.get("/apps/" + app + "/events"));
        return state;
    }

    private static JsonNode withoutSamples(JsonNode dynos) {
        ArrayNode copy = dynos.deepCopy();
        copy.forEach(dyno -> ((ObjectNode) dyno).remove(SAMPLES));
        return copy;
    }

    private static void connect(DatabaseUrl database) throws SQLException {
        Properties login = new Properties();
        login.setProperty("user", database.user());
        if (database.password() != null) {
            login.setProperty("password", database.password());
        }
        DriverManager.getConnection(database.jdbcUrl(), login).close();
    }
}
