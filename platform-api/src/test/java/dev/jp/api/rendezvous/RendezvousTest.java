package dev.jp.api.rendezvous;

import static dev.jp.api.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.api.Api;
import dev.jp.events.rendezvous.RendezvousUrl;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code heroku run}'s meeting point: attach_url, forged secrets, pairing and closing. */
@QuarkusTest
class RendezvousTest {

    @Inject
    RendezvousServer server;

    @Test
    void an_attached_one_off_answers_201_with_a_rendezvous_attach_url() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));

        String url = api().body(Map.of("command", "bash", "attach", true, "env", Map.of("TERM", "xterm")))
                .post("/apps/" + app + "/dynos")
                .then().statusCode(201).extract().path("attach_url");

        RendezvousUrl attach = RendezvousUrl.parse(url);
        assertThat(attach.host()).isEqualTo("127.0.0.1");
        assertThat(attach.port()).isEqualTo(server.port());
        assertThat(attach.secret()).matches("[0-9a-f-]{36}\\.\\d+\\.[A-Za-z0-9_-]{43}");
        // The dynos list never shows it again: only the creator holds the capability.
        assertThat(api().get("/apps/" + app + "/dynos/run.1").then().statusCode(200).extract().<String>path("attach_url")).isNull();
    }

    @Test
    void refuses_a_forged_or_edited_secret_without_the_banner() throws Exception {
        String secret = attachedSecret();
        String edited = secret.substring(0, secret.length() - 2) + (secret.endsWith("AA") ? "BB" : "AA");
        String otherDyno = "00000000-0000-3000-8000-000000000000" + secret.substring(secret.indexOf('.'));

        for (String line : new String[] {"forged", edited, otherDyno, "dyno " + edited}) {
            try (RendezvousPeer peer = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), line)) {
                assertThat(peer.closedByServer()).as("closed without a word").isTrue();
            }
        }
    }

    @Test
    void pairs_client_and_dyno_pumps_bytes_both_ways_and_lets_the_client_go_first_when_the_dyno_leaves() throws Exception {
        String secret = attachedSecret();
        try (RendezvousPeer client = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), secret);
             RendezvousPeer dyno = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), "dyno " + secret)) {
            assertThat(client.read(12)).isEqualTo("rendezvous\r\n");
            assertThat(dyno.read(12)).isEqualTo("rendezvous\r\n");

            client.write("echo hi\n");
            assertThat(dyno.read(8)).isEqualTo("echo hi\n");
            dyno.write("hi\r\n\uFFFF heroku-command-exit-status: 3\n");
            assertThat(client.read(4)).isEqualTo("hi\r\n");

            dyno.close();
            String status = "\uFFFF heroku-command-exit-status: 3\n";
            assertThat(client.read(status.getBytes(StandardCharsets.UTF_8).length)).isEqualTo(status);
            // The Heroku CLI may still write its Ctrl-D (piped stdin ended) after the status: a FIN
            // before it leaves makes that write fail with EPIPE and the CLI exit 1.
            assertThat(client.stillOpenAfter(500)).as("open for the client to leave first").isTrue();
            client.write("\u0004");
            assertThat(client.closedByServer()).as("closed after jp.rendezvous.client-linger").isTrue();
        }
    }

    @Test
    void a_secret_that_brought_its_pair_together_opens_nothing_afterwards() throws Exception {
        String secret = attachedSecret();
        try (RendezvousPeer client = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), secret);
             RendezvousPeer dyno = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), "dyno " + secret)) {
            assertThat(client.read(12)).isEqualTo("rendezvous\r\n");
            assertThat(dyno.read(12)).isEqualTo("rendezvous\r\n");

            // While that pair still talks, and after: a copy of the attach_url, on either side, is refused.
            for (String line : new String[] {secret, "dyno " + secret}) {
                try (RendezvousPeer again = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), line)) {
                    assertThat(again.closedByServer()).as(line.startsWith("dyno") ? "dyno side" : "client side").isTrue();
                }
            }
            client.write("still here\n");
            assertThat(dyno.read(11)).isEqualTo("still here\n");
        }
        try (RendezvousPeer late = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), secret)) {
            assertThat(late.closedByServer()).isTrue();
        }
    }

    @Test
    void closes_the_dyno_side_when_the_client_leaves_and_waits_for_a_late_client() throws Exception {
        String secret = attachedSecret();
        // The runner usually arrives first (it connects before it starts the process) and waits.
        try (RendezvousPeer dyno = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), "dyno " + secret)) {
            RendezvousPeer client = RendezvousPeer.connect(server.caPem(), "127.0.0.1", server.port(), secret);
            assertThat(dyno.read(12)).isEqualTo("rendezvous\r\n");
            assertThat(client.read(12)).isEqualTo("rendezvous\r\n");

            client.close();
            assertThat(dyno.closedByServer()).isTrue();
        }
    }

    private static String attachedSecret() {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        String url = api().body(Map.of("command", "bash", "attach", true)).post("/apps/" + app + "/dynos")
                .then().statusCode(201).extract().path("attach_url");
        return RendezvousUrl.parse(url).secret();
    }
}
