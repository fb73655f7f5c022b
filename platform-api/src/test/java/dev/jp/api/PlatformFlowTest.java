package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;

import io.quarkus.test.junit.QuarkusTest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PlatformFlowTest {

    @Test
    void deploys_scales_configures_and_rolls_back_an_app() {
        String app = Api.newApp();
        Map<String, String> types = new LinkedHashMap<>();
        types.put("web", "java -jar app.jar");
        types.put("worker", "java -cp app.jar Worker");

        assertThat(Api.deploy(app, types)).isEqualTo(1);
        api().get("/apps/" + app + "/formation").then().statusCode(200)
                .body("type", contains("web", "worker"))
                .body("quantity", contains(1, 0));

        Api.scale(app, "worker", "+2").statusCode(200).body("find { it.type == 'worker' }.quantity", equalTo(2));
        api().get("/apps/" + app + "/dynos").then().statusCode(200)
                .body("name", containsInAnyOrder("web.1", "worker.1", "worker.2"));

        api().body(Map.of("GREETING", "hi", "EMPTY", "")).patch("/apps/" + app + "/config-vars")
                .then().statusCode(200).body("GREETING", equalTo("hi"));
        api().get("/apps/" + app + "/releases").then().statusCode(200)
                .body("version", contains(1, 2))
                .body("description", hasItems("Set EMPTY, GREETING config vars"));

        api().body(Map.of("release", "1")).post("/apps/" + app + "/releases").then().statusCode(201)
                .body("version", equalTo(3)).body("description", equalTo("Rollback to v1"));
        api().get("/apps/" + app + "/config-vars").then().statusCode(200).body("size()", equalTo(0));
        api().get("/apps/" + app + "/releases/2/config-vars").then().statusCode(200).body("GREETING", equalTo("hi"));

        api().get("/apps/" + app + "/events?type=slug.created.v1").then().statusCode(200)
                .body("by", contains("dev@jp.local"));
        api().get("/apps/" + app + "/events").then().statusCode(200)
                .body("type", hasItems("app.created.v1", "slug.created.v1", "release.created.v1",
                        "formation.scaled.v1", "config-vars.changed.v1"));
        api().get("/apps/" + app + "/state").then().statusCode(200)
                .body("release_version", equalTo(3)).body("formation.worker.quantity", equalTo(2));

        api().delete("/apps/" + app).then().statusCode(200).body("name", equalTo(app));
        api().get("/apps/" + app).then().statusCode(404).body("id", equalTo("not_found"));
        assertThat(List.of(app)).isNotEmpty();
    }
}
