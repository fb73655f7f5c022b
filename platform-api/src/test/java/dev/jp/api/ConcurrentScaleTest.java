package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Concurrent writers are ordered by the log: the loser of each race gets 409, and nothing else happens. */
@QuarkusTest
class ConcurrentScaleTest {

    @Test
    void two_hundred_concurrent_conflicting_scales_each_answer_200_or_409_and_the_formation_is_the_fold_of_the_log()
            throws Exception {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        ExecutorService clients = Executors.newFixedThreadPool(40);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int quantity = i % 10;
            answers.add(clients.submit(() -> Api.scale(app, "web", quantity).extract().statusCode()));
        }
        List<Integer> statuses = new ArrayList<>();
        for (Future<Integer> answer : answers) {
            statuses.add(answer.get());
        }
        clients.shutdown();

        assertThat(statuses).allMatch(status -> status == 200 || status == 409);
        long applied = statuses.stream().filter(status -> status == 200).count();
        assertThat(applied).isPositive();

        List<Map<String, Object>> scales = api().get("/apps/" + app + "/events?type=formation.scaled.v1")
                .then().statusCode(200).extract().path("event");
        assertThat(scales).as("one event per 200, none for a 409").hasSize((int) applied);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> lastChanges = (List<Map<String, Object>>) scales.get(scales.size() - 1).get("changes");
        int folded = (Integer) lastChanges.get(0).get("quantity");
        int formation = api().get("/apps/" + app + "/formation/web").then().extract().path("quantity");
        assertThat(formation).isEqualTo(folded);
        int stateAt = api().get("/apps/" + app + "/state").then().extract().path("formation.web.quantity");
        assertThat(stateAt).isEqualTo(folded);
    }
}
