package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** CI retries writes safely: the same Idempotency-Key gets the first answer and appends nothing new. */
@QuarkusTest
class IdempotencyTest {

    @Test
    void a_retried_scale_returns_the_first_answer_and_appends_nothing() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        String key = UUID.randomUUID().toString();
        var body = Map.of("updates", List.of(Map.of("type", "web", "quantity", "+1")));

        api().header("Idempotency-Key", key).body(body).patch("/apps/" + app + "/formation")
                .then().statusCode(200).body("[0].quantity", equalTo(2));
        api().header("Idempotency-Key", key).body(body).patch("/apps/" + app + "/formation")
                .then().statusCode(200).header("Idempotent-Replayed", "true").body("[0].quantity", equalTo(2));

        api().get("/apps/" + app + "/formation/web").then().body("quantity", equalTo(2));
        api().get("/apps/" + app + "/events?type=formation.scaled.v1").then().body("$", hasSize(1));
    }

    @Test
    void a_key_reused_for_another_request_is_refused() {
        String app = Api.newApp();
        String key = UUID.randomUUID().toString();
        api().header("Idempotency-Key", key).body(Map.of("A", "1")).patch("/apps/" + app + "/config-vars").then().statusCode(200);
        api().header("Idempotency-Key", key).body(Map.of("url", "https://d.example.com")).post("/apps/" + app + "/log-drains")
                .then().statusCode(422);
    }

    @Test
    void a_write_on_a_stale_etag_answers_412() {
        String app = Api.newApp();
        String etag = api().get("/apps/" + app + "/config-vars").then().statusCode(200).extract().header("ETag");
        api().header("If-Match", etag).body(Map.of("A", "1")).patch("/apps/" + app + "/config-vars").then().statusCode(200);
        api().header("If-Match", etag).body(Map.of("A", "2")).patch("/apps/" + app + "/config-vars")
                .then().statusCode(412).body("id", equalTo("precondition_failed"));
        api().get("/apps/" + app + "/config-vars").then().body("A", equalTo("1"));
    }
}
