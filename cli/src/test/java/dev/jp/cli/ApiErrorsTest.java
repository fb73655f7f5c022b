package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How the API's refusals become messages and exit codes (STYLE: 1 failure, 3 not found, 4
 * conflict), against a local API that answers every request with the status a test sets: the real
 * platform rarely answers 409 or 412 on purpose, so TourIT cannot show them.
 */
class ApiErrorsTest {

    @TempDir
    Path home;

    private HttpServer api;
    private volatile int status;
    private volatile String body;

    @BeforeEach
    void serve() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private Jp.Result run(int status, String body, String... args) {
        this.status = status;
        this.body = body;
        return new Jp(Map.of("JP_API_URL", "http://127.0.0.1:" + api.getAddress().getPort(), "JP_API_KEY", "t",
                "XDG_CONFIG_HOME", home.toString()), home).run(args);
    }

    @Test
    void a_conflict_exits_4_and_closes_the_progress_line() {
        Jp.Result scale = run(409, "{\"id\":\"conflict\",\"message\":\"The formation changed meanwhile.\"}", "ps:scale", "web=2", "-a", "demo");
        assertThat(scale.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(scale.err()).isEqualTo("Scaling dynos... failed\njp: The formation changed meanwhile.\n");
    }

    @Test
    void a_failed_precondition_exits_4() {
        Jp.Result set = run(412, "{\"id\":\"precondition_failed\",\"message\":\"The release changed meanwhile.\"}", "config:set", "A=1", "-a", "demo");
        assertThat(set.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(set.err()).endsWith("jp: The release changed meanwhile.\n");
    }

    @Test
    void an_invalid_request_exits_1_with_the_apis_message() {
        Jp.Result ps = run(422, "{\"id\":\"invalid_params\",\"message\":\"Bad type.\"}", "ps", "-a", "demo");
        assertThat(ps.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(ps.err()).isEqualTo("jp: Bad type.\n");
    }

    @Test
    void an_answer_without_a_message_shows_the_status_and_body() {
        Jp.Result apps = run(500, "oops", "apps");
        assertThat(apps.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(apps.err()).isEqualTo("jp: the API answered 500: oops\n");
    }

    @Test
    void not_found_exits_3_on_the_fast_path_and_the_usual_one() {
        String missing = "{\"id\":\"not_found\",\"message\":\"Couldn't find that app.\"}";
        for (String[] args : new String[][] {{"ps", "-a", "gone"}, {"ps", "--app", "gone", "--verbose"}, {"releases", "-a", "gone"}}) {
            Jp.Result result = run(404, missing, args);
            assertThat(result.exitCode()).as(String.join(" ", args)).isEqualTo(ExitCodes.NOT_FOUND);
            assertThat(result.err()).as(String.join(" ", args)).startsWith("jp: Couldn't find that app.\n");
        }
    }

    @Test
    void a_refused_token_exits_1_with_the_login_hint() {
        Jp.Result ps = run(401, "{\"id\":\"unauthorized\",\"message\":\"Invalid credentials provided.\"}", "ps", "-a", "demo");
        assertThat(ps.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(ps.err()).isEqualTo("jp: Invalid credentials provided.\n"
                + "jp: log in again with: jp login --api URL --token TOKEN (or set JP_API_KEY)\n");
    }
}
