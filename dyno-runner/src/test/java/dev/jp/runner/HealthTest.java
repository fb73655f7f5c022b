package dev.jp.runner;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

    @Test
    void is_ready_once_it_reaches_the_real_broker() {
        given().when().get("/q/health/ready")
                .then().statusCode(200)
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("Kafka connection health check"));
    }

    @Test
    void lists_its_dynos_which_are_none_while_the_runner_is_disabled() {
        given().when().get("/dynos")
                .then().statusCode(200)
                .body("size()", equalTo(0));
    }
}
