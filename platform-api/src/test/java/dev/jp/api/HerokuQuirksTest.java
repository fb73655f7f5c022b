package dev.jp.api;

import static dev.jp.api.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The wire facts the official Heroku CLI depends on (shared/HEROKU-API.md). */
@QuarkusTest
class HerokuQuirksTest {

    @Test
    void answers_bearer_undefined_with_401_in_herokus_shape() {
        given().header("Authorization", "Bearer undefined").get("/apps")
                .then().statusCode(401).contentType("application/json")
                .body("id", equalTo("unauthorized")).body("message", notNullValue());
        given().get("/account").then().statusCode(401).body("id", equalTo("unauthorized"));
    }

    @Test
    void accepts_every_v3_accept_variant_and_answers_json_with_a_request_id() {
        for (String accept : List.of("application/vnd.heroku+json; version=3", "application/vnd.heroku+json; version=3.sdk",
                "application/vnd.heroku+json; version=3.run-inside", "application/vnd.heroku+json; version=3.account-quotas",
                "application/json", "*/*")) {
            given().header("Authorization", "Bearer " + Api.TOKEN).header("Accept", accept)
                    .header("Request-Id", "abc, def").get("/account")
                    .then().statusCode(200).contentType("application/json")
                    .header("Request-Id", startsWith("")).body("email", equalTo("dev@jp.local"));
        }
    }

    @Test
    void serves_a_slug_tarball_to_a_client_that_accepts_anything() {
        String app = Api.newApp();
        String slug = Api.uploadSlug(app, Map.of("web", "./web"));
        // java.net.HttpURLConnection's default Accept, as a runner sends it.
        given().header("Accept", "text/html, image/gif, image/jpeg, *; q=.2, */*; q=.2")
                .get("/internal/slugs/" + slug).then().statusCode(200).contentType("application/octet-stream");
        given().get("/internal/slugs/00000000-0000-4000-8000-000000000000").then().statusCode(404);
    }

    @Test
    void takes_a_post_with_a_method_override_as_the_patch_it_stands_for() {
        String app = Api.newApp();
        api().header("X-HTTP-Method-Override", "PATCH").body(Map.of("A", "1")).post("/apps/" + app + "/config-vars")
                .then().statusCode(200).body("A", equalTo("1"));
    }

    @Test
    void creates_an_app_from_a_post_without_body_or_content_type() {
        // The Heroku CLI sends neither a body nor a Content-Type; RestAssured would add one.
        given().header("Authorization", "Bearer " + Api.TOKEN).config(io.restassured.RestAssured.config()
                        .encoderConfig(io.restassured.config.EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)))
                .post("/apps")
                .then().statusCode(201).body("name", notNullValue())
                .body("repo_size", nullValue()).body("slug_size", nullValue()).body("space", nullValue())
                .body("generation.name", equalTo("cedar")).body("owner.email", equalTo("dev@jp.local"));
    }

    @Test
    void lists_the_callers_apps_at_users_tilde_apps() {
        String app = Api.newApp();
        api().get("/users/~/apps").then().statusCode(200).body("name", org.hamcrest.Matchers.hasItem(app));
    }

    @Test
    void scales_with_string_and_relative_quantities_and_dyno_size_objects() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        Api.scale(app, "web", "3").statusCode(200);
        Api.scale(app, "web", "-1").statusCode(200).body("find { it.type == 'web' }.quantity", equalTo(2));
        api().body(Map.of("quantity", "+2", "dyno_size", Map.of("name", "standard-2x")))
                .patch("/apps/" + app + "/formation/web")
                .then().statusCode(200).body("quantity", equalTo(4)).body("size", equalTo("Standard-2X"));
    }

    @Test
    void refuses_unknown_types_negative_and_non_numeric_quantities() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        Api.scale(app, "nope", 1).statusCode(404).body("message", equalTo("Couldn't find that process type (nope)."));
        Api.scale(app, "web", "-5").statusCode(422).body("id", equalTo("invalid_params"));
        Api.scale(app, "web", "two").statusCode(422).body("id", equalTo("invalid_params"));
        Api.scale(app, "web", 101).statusCode(422).body("message", org.hamcrest.Matchers.containsString("100"));
    }

    @Test
    void pages_releases_by_version_with_next_range_only_while_more_remain() {
        String app = Api.newApp();
        for (int i = 0; i < 4; i++) {
            api().body(Map.of("K", Integer.toString(i))).patch("/apps/" + app + "/config-vars").then().statusCode(200);
        }
        var first = api().header("Range", "version ..; max=3, order=desc").get("/apps/" + app + "/releases");
        first.then().statusCode(206).body("version", contains(4, 3, 2)).header("Next-Range", equalTo("version ]2..; max=3, order=desc"));
        api().header("Range", first.header("Next-Range")).get("/apps/" + app + "/releases")
                .then().statusCode(200).body("version", contains(1)).header("Next-Range", nullValue());
        api().header("Range", "version ..; order=desc,max=1").get("/apps/" + app + "/releases")
                .then().body("version", contains(4)).body("[0].current", equalTo(true));
    }

    @Test
    void finds_releases_by_version_number_in_the_path() {
        String app = Api.newApp();
        api().body(Map.of("A", "1")).patch("/apps/" + app + "/config-vars").then().statusCode(200);
        api().get("/apps/" + app + "/releases/1").then().statusCode(200).body("version", equalTo(1))
                .body("description", equalTo("Set A config vars")).body("addon_plan_names", hasSize(0));
        api().get("/apps/" + app + "/releases/v1").then().statusCode(200).body("version", equalTo(1));
        api().get("/apps/" + app + "/releases/9").then().statusCode(404).body("id", equalTo("not_found"));
    }

    @Test
    void creates_log_sessions_with_a_dyno_or_a_process_type() {
        String app = Api.newApp();
        api().body(Map.of("lines", 50, "tail", true, "source", "app", "dyno", "web"))
                .post("/apps/" + app + "/log-sessions")
                .then().statusCode(201).body("logplex_url", startsWith("http://127.0.0.1:5101/sessions/"));
        api().body(Map.of("dyno", "web.1")).post("/apps/" + app + "/log-sessions").then().statusCode(201);
        api().body(Map.of("source", "router")).post("/apps/" + app + "/log-sessions").then().statusCode(422);
    }

    @Test
    void removes_a_drain_named_by_its_url_percent_encoded_in_one_segment() {
        String app = Api.newApp();
        String url = "syslog+tls://logs.example.com:6514";
        api().body(Map.of("url", url)).post("/apps/" + app + "/log-drains")
                .then().statusCode(201).body("token", startsWith("d.")).body("addon", nullValue());
        api().body(Map.of("url", url)).post("/apps/" + app + "/log-drains").then().statusCode(409);
        api().urlEncodingEnabled(false).delete("/apps/" + app + "/log-drains/" + URLEncoder.encode(url, StandardCharsets.UTF_8))
                .then().log().ifValidationFails().statusCode(200).body("url", equalTo(url));
        api().get("/apps/" + app + "/log-drains").then().statusCode(200).body("$", hasSize(0));
    }

    @Test
    void refuses_a_sixth_drain_and_drains_pointing_at_the_platform() {
        String app = Api.newApp();
        for (int i = 0; i < 5; i++) {
            api().body(Map.of("url", "https://drain" + i + ".example.com/logs")).post("/apps/" + app + "/log-drains")
                    .then().statusCode(201);
        }
        api().body(Map.of("url", "https://drain6.example.com/logs")).post("/apps/" + app + "/log-drains").then().statusCode(422);
        String other = Api.newApp();
        api().body(Map.of("url", "http://127.0.0.1:5101/logs")).post("/apps/" + other + "/log-drains").then().statusCode(422);
    }

    @Test
    void restarts_and_stops_answer_202_with_an_empty_object() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web", "worker", "./worker"));
        api().delete("/apps/" + app + "/dynos").then().statusCode(202).body("size()", equalTo(0));
        api().delete("/apps/" + app + "/dynos/web.1").then().statusCode(202);
        api().delete("/apps/" + app + "/formations/web").then().statusCode(202);
        api().post("/apps/" + app + "/dynos/web.1/actions/stop").then().statusCode(202);
        api().post("/apps/" + app + "/formations/worker/actions/stop").then().statusCode(202);
        api().delete("/apps/" + app + "/dynos/web.9").then().statusCode(404);
    }

    @Test
    void runs_a_detached_one_off_with_numeric_env_values() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        api().body(Map.of("command", "echo hi", "attach", false, "env", Map.of("COLUMNS", 80, "LINES", 24)))
                .post("/apps/" + app + "/dynos")
                .then().statusCode(201).body("name", equalTo("run.1")).body("type", equalTo("run"))
                .body("command", equalTo("echo hi")).body("state", equalTo("starting"));
        api().get("/apps/" + app + "/dynos/run.1").then().statusCode(200);
    }
}
