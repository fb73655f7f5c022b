package dev.jp.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.jp.cli.ExitCodes;
import dev.jp.cli.Jp;
import dev.jp.localstack.process.FreePort;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jp run} against a fake API (it hands out the attach URL) and a fake TLS rendezvous with
 * a certificate keytool makes here: the secret, the piped stdin and its Ctrl-D, the exit status,
 * and the failures: an untrusted certificate, a host name it was not made for, no rendezvous, an
 * unknown app.
 */
class RunAttachedTest {

    private static final String SECRET = "s3cret-of-run-1";

    @TempDir
    Path dir;

    private HttpServer api;
    private final AtomicReference<String> request = new AtomicReference<>();
    private final AtomicInteger rendezvousPort = new AtomicInteger();
    private Jp jp;

    @BeforeEach
    void fakeApi() throws Exception {
        api = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        api.createContext("/", exchange -> {
            boolean known = exchange.getRequestURI().getPath().equals("/apps/demo/dynos");
            request.set(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            String body = known
                    ? "{\"name\":\"run.1\",\"type\":\"run\",\"state\":\"starting\",\"attach_url\":\"rendezvous://127.0.0.1:"
                            + rendezvousPort.get() + "/" + SECRET + "\"}"
                    : "{\"id\":\"not_found\",\"message\":\"Couldn't find that app.\"}";
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(known ? 201 : 404, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        api.start();
        Map<String, String> env = new HashMap<>(Map.of("JP_API_URL", "http://127.0.0.1:" + api.getAddress().getPort(), "JP_API_KEY", "t",
                "XDG_CONFIG_HOME", dir.resolve("config").toString()));
        jp = new Jp(env, dir);
    }

    @AfterEach
    void stopApi() {
        api.stop(0);
    }

    @Test
    void pipes_stdin_to_the_dyno_and_exits_with_its_status() throws Exception {
        Path keys = FakeRendezvous.keyStore(dir, "rendezvous", "ip:127.0.0.1");
        try (FakeRendezvous rendezvous = FakeRendezvous.start(keys, 7)) {
            rendezvousPort.set(rendezvous.port());
            Jp.Result result = jp.with("JP_RENDEZVOUS_CA", FakeRendezvous.pem(keys, "rendezvous").toString())
                    .runWithInput("hello\nworld\n".getBytes(StandardCharsets.UTF_8), "run", "-a", "demo", "--env", "A=1;B=two", "cat");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(7);
            assertThat(result.out()).isEqualTo("hello\nworld\nbye\n");
            assertThat(result.err()).contains("Running cat on demo... done, run.1");
            assertThat(rendezvous.secret()).isEqualTo(SECRET + "\r");
        }
        assertThat(request.get()).contains("\"command\":\"cat\"", "\"attach\":true", "\"COLUMNS\":80", "\"LINES\":24", "\"A\":\"1\"", "\"B\":\"two\"");
    }

    @Test
    void trusts_the_ca_named_in_jps_config() throws Exception {
        Path keys = FakeRendezvous.keyStore(dir, "rendezvous", "ip:127.0.0.1");
        Path config = dir.resolve("config/jp/config");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "rendezvous.ca=" + FakeRendezvous.pem(keys, "rendezvous") + "\n");
        try (FakeRendezvous rendezvous = FakeRendezvous.start(keys, 0)) {
            rendezvousPort.set(rendezvous.port());
            Jp.Result result = jp.run("run", "-a", "demo", "true");
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.out()).isEqualTo("bye\n");
        }
    }

    @Test
    void a_certificate_from_another_ca_is_refused() throws Exception {
        Path keys = FakeRendezvous.keyStore(dir, "rendezvous", "ip:127.0.0.1");
        Path other = FakeRendezvous.keyStore(dir, "other", "ip:127.0.0.1");
        try (FakeRendezvous rendezvous = FakeRendezvous.start(keys, 0)) {
            rendezvousPort.set(rendezvous.port());
            Jp.Result result = jp.with("JP_RENDEZVOUS_CA", FakeRendezvous.pem(other, "other").toString()).run("run", "-a", "demo", "true");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.err()).contains("jp: the dyno's rendezvous at 127.0.0.1:" + rendezvous.port() + " is not trusted", "JP_RENDEZVOUS_CA")
                    .doesNotContain("\tat ");
            assertThat(result.out()).isEmpty();
        }
    }

    @Test
    void a_certificate_for_another_host_is_refused() throws Exception {
        Path keys = FakeRendezvous.keyStore(dir, "rendezvous", "dns:rendezvous.example.com");
        try (FakeRendezvous rendezvous = FakeRendezvous.start(keys, 0)) {
            rendezvousPort.set(rendezvous.port());
            Jp.Result result = jp.with("JP_RENDEZVOUS_CA", FakeRendezvous.pem(keys, "rendezvous").toString()).run("run", "-a", "demo", "true");
            assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.FAILURE);
            assertThat(result.err()).contains("is not trusted");
        }
    }

    @Test
    void no_rendezvous_listening_exits_5() {
        rendezvousPort.set(FreePort.pick());
        Jp.Result result = jp.run("run", "-a", "demo", "true");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.UNREACHABLE);
        assertThat(result.err()).contains("jp: cannot reach the dyno's rendezvous at 127.0.0.1:");
    }

    @Test
    void an_unknown_app_exits_3_with_the_apis_message() {
        Jp.Result result = jp.run("run", "-a", "nope", "true");
        assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(result.err()).contains("Running true on nope... failed", "jp: Couldn't find that app.");
    }

    @Test
    void a_bad_env_pair_is_a_usage_error() {
        Jp.Result result = jp.run("run", "-a", "demo", "--env", "A=1;oops", "true");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(result.err()).contains("'oops' is not KEY=value");
    }
}
