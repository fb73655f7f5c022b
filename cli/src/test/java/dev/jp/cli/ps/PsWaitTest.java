package dev.jp.cli.ps;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.jp.cli.ExitCodes;
import dev.jp.cli.Jp;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jp ps:wait}'s progress line and its two endings, against a local API whose dynos answer
 * a scripted sequence of states (the last one repeats).
 */
class PsWaitTest {

    @TempDir
    Path home;

    private HttpServer api;
    private final ConcurrentLinkedQueue<String> dynoStates = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void serve() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/apps/demo/releases", exchange -> answer(exchange, "[{\"version\":2,\"current\":true}]"));
        api.createContext("/apps/demo/dynos", exchange -> {
            String state = dynoStates.size() > 1 ? dynoStates.poll() : dynoStates.peek();
            answer(exchange, "[" + state + ",{\"name\":\"run.1\",\"type\":\"run\",\"state\":\"up\",\"release\":{\"version\":1}}]");
        });
        api.start();
    }

    @AfterEach
    void stop() {
        api.stop(0);
    }

    private static String web(String state, int version) {
        return "{\"name\":\"web.1\",\"type\":\"web\",\"state\":\"" + state + "\",\"release\":{\"version\":" + version + "}}";
    }

    private Jp jp() {
        return new Jp(Map.of("JP_API_URL", "http://127.0.0.1:" + api.getAddress().getPort(), "JP_API_KEY", "t",
                "XDG_CONFIG_HOME", home.toString()), home);
    }

    @Test
    void it_prints_each_new_count_until_every_dyno_runs_the_current_release() {
        dynoStates.addAll(List.of(web("up", 1), web("starting", 2), web("starting", 2), web("up", 2)));
        Jp.Result waited = jp().run("ps:wait", "-a", "demo", "--wait-interval", "0.01");
        assertThat(waited.exitCode()).as(waited.toString()).isZero();
        assertThat(waited.err()).isEqualTo("Waiting for every dyno to be running v2 (0 of 1 up)\n"
                + "Waiting for every dyno to be running v2 (1 of 1 up)\ndone\n");
    }

    @Test
    void it_gives_up_at_the_timeout_with_exit_1() {
        dynoStates.add(web("crashed", 2));
        Jp.Result waited = jp().run("ps:wait", "-a", "demo", "--timeout", "0", "--wait-interval", "0.01");
        assertThat(waited.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(waited.err()).isEqualTo("Waiting for every dyno to be running v2 (0 of 1 up)\n"
                + "jp: gave up after 0s: 0 of 1 dynos run v2 and are up (see jp ps)\n");
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
