package dev.jp.api;

import static dev.jp.api.Api.api;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.hasItem;

import dev.jp.api.accounts.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Apps belong to their owner: another account sees 404 for them, so names do not leak. */
@QuarkusTest
class AccessTest {

    static final String OTHER = "other-account-token";

    @Inject
    Accounts accounts;

    @BeforeEach
    void otherAccount() {
        accounts.create("other@jp.local", OTHER).await().indefinitely();
    }

    @Test
    void another_account_cannot_read_scale_tail_or_drain_an_app() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        var other = Api.as(OTHER);

        Api.as(OTHER).get("/apps/" + app).then().statusCode(404).body("message", equalTo("Couldn't find that app."));
        Api.as(OTHER).body(Map.of("updates", java.util.List.of(Map.of("type", "web", "quantity", 0))))
                .patch("/apps/" + app + "/formation").then().statusCode(404);
        Api.as(OTHER).body(Map.of("tail", true)).post("/apps/" + app + "/log-sessions").then().statusCode(404);
        Api.as(OTHER).body(Map.of("url", "https://x.example.com")).post("/apps/" + app + "/log-drains").then().statusCode(404);
        Api.as(OTHER).get("/apps/" + app + "/config-vars").then().statusCode(404);
        Api.as(OTHER).get("/apps/" + app + "/events").then().statusCode(404);
        Api.as(OTHER).get("/apps").then().statusCode(200).body("name", not(hasItem(app)));
        other.get("/account").then().body("email", equalTo("other@jp.local"));

        api().get("/apps/" + app + "/formation").then().body("[0].quantity", equalTo(1));
    }

    @Test
    void a_bad_token_is_401_and_never_echoed() {
        Api.as("jp_not-a-real-token").get("/apps").then().statusCode(401)
                .body("message", not(org.hamcrest.Matchers.containsString("jp_not-a-real-token")));
    }
}
