package dev.jp.api;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A test client of the API as the default account, with the few steps most tests need. */
public final class Api {

    public static final String TOKEN = "test-token-dev";

    private Api() {
    }

    public static RequestSpecification as(String token) {
        return given().header("Authorization", "Bearer " + token)
                .accept("application/vnd.heroku+json; version=3").contentType(ContentType.JSON);
    }

    public static RequestSpecification api() {
        return as(TOKEN);
    }

    /** A new app with a unique name. */
    public static String newApp() {
        String name = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        api().body(Map.of("name", name)).post("/apps").then().statusCode(201);
        return name;
    }

    /** Uploads a slug with these process types (via its Procfile) and returns its id. */
    public static String uploadSlug(String app, Map<String, String> processTypes) {
        StringBuilder procfile = new StringBuilder();
        processTypes.forEach((type, command) -> procfile.append(type).append(": ").append(command).append('\n'));
        byte[] tarball = Slugs.of(Map.of("Procfile", procfile.toString(), "app/hello.txt", "hello"));
        upload(app, tarball).then().statusCode(200);
        return lastSlugId;
    }

    private static String lastSlugId;

    /** Asks for a slug and PUTs the tarball; returns the PUT's response (the slug id is kept for uploadSlug). */
    public static io.restassured.response.Response upload(String app, byte[] tarball) {
        var created = api().body(Map.of("commit", "1a2b3c4d5e")).post("/apps/" + app + "/slugs").then().log().ifValidationFails().statusCode(201);
        lastSlugId = created.extract().path("id");
        String url = created.extract().path("blob.url");
        // The URL names the configured public address; tests run on a random port, so keep its path.
        return given().contentType("application/octet-stream").body(tarball).put(java.net.URI.create(url).getPath());
    }

    /** Deploys a slug with these process types; returns the release version. */
    public static int deploy(String app, Map<String, String> processTypes) {
        String slug = uploadSlug(app, processTypes);
        return api().body(Map.of("slug", slug)).post("/apps/" + app + "/releases")
                .then().statusCode(201).extract().path("version");
    }

    public static ValidatableResponse scale(String app, String type, Object quantity) {
        return api().body(Map.of("updates", List.of(Map.of("type", type, "quantity", quantity))))
                .patch("/apps/" + app + "/formation").then();
    }
}
