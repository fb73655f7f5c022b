package dev.jp.api;

import static dev.jp.api.Api.api;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;

/** Input from outside gets a 4xx in Heroku's shape and appends nothing. */
@QuarkusTest
class BadInputTest {

    @Test
    void refuses_app_names_outside_herokus_rule() {
        for (String name : List.of("A", "ab", "1abc", "abc-", "has_underscore", "UPPER", "x".repeat(31), "../etc")) {
            api().body(Map.of("name", name)).post("/apps").then().statusCode(422).body("id", equalTo("invalid_params"));
        }
    }

    @Test
    void refuses_a_taken_name() {
        String app = Api.newApp();
        api().body(Map.of("name", app)).post("/apps").then().statusCode(422).body("message", equalTo("Name is already taken"));
    }

    @Test
    void refuses_an_oversized_body_with_413_before_reading_it() {
        String app = Api.newApp();
        api().body("{\"A\": \"" + "x".repeat(2 * 1024 * 1024) + "\"}").patch("/apps/" + app + "/config-vars")
                .then().statusCode(413).body("id", equalTo("request_entity_too_large"));
    }

    @Test
    void refuses_malformed_json_with_400() {
        api().body("{\"name\": ").post("/apps").then().statusCode(400).body("id", equalTo("bad_request"));
    }

    @Test
    void refuses_bad_config_keys_and_non_string_values_and_changes_nothing() {
        String app = Api.newApp();
        api().body(Map.of("BAD-KEY", "x")).patch("/apps/" + app + "/config-vars").then().statusCode(422);
        api().body(Map.of("K", Map.of("nested", "x"))).patch("/apps/" + app + "/config-vars").then().statusCode(422);
        api().body(Map.of("K", List.of(1))).patch("/apps/" + app + "/config-vars").then().statusCode(422);
        api().body(Map.of("K", "x".repeat(40_000))).patch("/apps/" + app + "/config-vars").then().statusCode(422);
        api().get("/apps/" + app + "/config-vars").then().body("size()", equalTo(0));
        api().get("/apps/" + app + "/events").then().body("$", hasSize(1));
    }

    @Test
    void refuses_hostile_slug_tarballs_and_records_no_slug() {
        String app = Api.newApp();
        byte[] procfile = "web: ./web\n".getBytes(StandardCharsets.UTF_8);
        List<byte[]> hostile = List.of(
                Slugs.of(Map.of("../escape", "x", "Procfile", "web: x")),
                Slugs.of(Map.of("/etc/passwd", "x", "Procfile", "web: x")),
                Slugs.build(tar -> {
                    TarArchiveEntry link = new TarArchiveEntry("out", TarArchiveEntry.LF_SYMLINK);
                    link.setLinkName("../../etc/passwd");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }),
                Slugs.build(tar -> {
                    TarArchiveEntry link = new TarArchiveEntry("hard", TarArchiveEntry.LF_LINK);
                    link.setLinkName("/etc/shadow");
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                }),
                Slugs.build(tar -> {
                    TarArchiveEntry device = new TarArchiveEntry("dev", TarArchiveEntry.LF_CHR);
                    tar.putArchiveEntry(device);
                    tar.closeArchiveEntry();
                }),
                java.util.Arrays.copyOf(Slugs.of(Map.of("Procfile", "web: x", "big", "y".repeat(100_000))), 200),
                "not a tarball".getBytes(StandardCharsets.UTF_8),
                Slugs.of(Map.of("app.txt", "no procfile")),
                Slugs.of(Map.of("Procfile", "")),
                Slugs.of(Map.of("Procfile", "web: a\nweb: b\n")),
                Slugs.of(Map.of("Procfile", "Web Server: a\n")));
        for (int i = 0; i < hostile.size(); i++) {
            var response = Api.upload(app, hostile.get(i));
            org.assertj.core.api.Assertions.assertThat(response.statusCode()).as("hostile tarball #%d: %s", i, response.body().asString())
                    .isEqualTo(422);
            response.then().body("id", equalTo("invalid_params")).body("message", notNullValue());
        }
        api().get("/apps/" + app + "/events").then().body("type", equalTo(List.of("app.created.v1")));
        assert procfile.length > 0;
    }

    @Test
    void reads_a_procfile_with_bom_crlf_and_comments() {
        String app = Api.newApp();
        Api.upload(app, Slugs.of(Map.of("Procfile", "\uFEFF# types\r\nweb: ./web --port $PORT\r\n\r\nworker: ./work\r\n")))
                .then().statusCode(200);
        api().body(Map.of("slug", lastSlug(app))).post("/apps/" + app + "/releases").then().statusCode(201);
        api().get("/apps/" + app + "/formation").then().body("command", equalTo(List.of("./web --port $PORT", "./work")));
    }

    @Test
    void refuses_a_release_of_another_apps_slug() {
        String app = Api.newApp();
        String other = Api.newApp();
        String slug = Api.uploadSlug(other, Map.of("web", "./web"));
        api().body(Map.of("slug", slug)).post("/apps/" + app + "/releases").then().statusCode(404);
        api().body(Map.of()).post("/apps/" + app + "/releases").then().statusCode(422);
    }

    @Test
    void answers_unknown_paths_and_methods_in_herokus_shape() {
        api().get("/nowhere").then().statusCode(404).body("id", equalTo("not_found"));
        given().header("Authorization", "Bearer " + Api.TOKEN).put("/apps").then().statusCode(405)
                .body("message", containsString("method"));
    }

    private static String lastSlug(String app) {
        return api().get("/apps/" + app + "/events?type=slug.created.v1").then().extract().path("[-1].event.slugId");
    }
}
