package dev.jp.api.hardening;

import static dev.jp.api.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.api.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * A drain may not point at the platform's own services (see {@code DrainTargets}): the API, the
 * log-router's intake, Kafka and PostgreSQL on this machine, link-local metadata addresses; a
 * receiver on another loopback port stays allowed, as the drain tests use.
 */
@QuarkusTest
class DrainTargetTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String kafka;

    @ConfigProperty(name = "quarkus.datasource.reactive.url")
    String database;

    @Test
    void refuses_drains_at_the_platforms_own_services() throws IOException {
        String app = Api.newApp();
        int apiPort = RestAssured.port;
        int kafkaPort = Integer.parseInt(kafka.split(",")[0].replaceAll("^.*:", ""));
        int databasePort = Integer.parseInt(database.replaceAll("^.*://[^/]*:(\\d+)/.*$", "$1"));
        List<String> refused = List.of(
                "http://127.0.0.1:" + apiPort + "/apps",
                "https://localhost:" + apiPort + "/",
                "http://LOCALHOST:" + apiPort + "/",
                "http://127.0.0.1:5101/logs",
                "http://127.0.0.2:5101/logs",
                "http://[::1]:5101/logs",
                "http://[::ffff:127.0.0.1]:" + apiPort + "/",
                "syslog://127.0.0.1:" + kafkaPort,
                "syslog+tcp://localhost:" + kafkaPort,
                "syslog://127.0.0.1:" + databasePort,
                "syslog://127.0.0.1:5432",
                "syslog://127.0.0.1:9092",
                "syslog+tls://127.0.0.1:5102",
                "http://127.0.0.1:5103/dynos",
                "http://169.254.169.254/latest/meta-data/",
                "http://[fe80::1]:8080/",
                "http://0.0.0.0:8080/",
                "http://127.1:" + apiPort + "/",
                "http://2130706433:" + apiPort + "/",
                "http://0x7f.0.0.1:" + apiPort + "/");

        long end = PlatformEventsEnd.of(kafka);
        List<String> accepted = new ArrayList<>();
        for (String url : refused) {
            Response response = api().body(Map.of("url", url)).post("/apps/" + app + "/log-drains");
            if (response.statusCode() != 422 || response.jsonPath().getString("message") == null) {
                accepted.add(url + " -> " + response.statusCode());
            }
        }
        assertThat(accepted).as("drains at the platform's own services").isEmpty();
        assertThat(PlatformEventsEnd.of(kafka)).isEqualTo(end);
        api().get("/apps/" + app + "/log-drains").then().body("size()", org.hamcrest.Matchers.equalTo(0));
    }

    @Test
    void accepts_a_receiver_on_another_loopback_port_and_remote_hosts() throws IOException {
        String app = Api.newApp();
        try (ServerSocket receiver = new ServerSocket(0)) {
            api().body(Map.of("url", "syslog://127.0.0.1:" + receiver.getLocalPort())).post("/apps/" + app + "/log-drains")
                    .then().statusCode(201);
            api().body(Map.of("url", "http://localhost:" + receiver.getLocalPort() + "/logs")).post("/apps/" + app + "/log-drains")
                    .then().statusCode(201);
        }
        api().body(Map.of("url", "https://drain.example.com:5432/x")).post("/apps/" + app + "/log-drains").then().statusCode(201);
        api().body(Map.of("url", "https://1e100.example.com/x")).post("/apps/" + app + "/log-drains").then().statusCode(201);
    }
}
