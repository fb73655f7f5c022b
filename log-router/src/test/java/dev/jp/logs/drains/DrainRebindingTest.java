package dev.jp.logs.drains;

import static dev.jp.logs.testing.Intake.frame;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DrainAdded;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logplex.LogplexParser;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.HttpReceiver;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.LogTopicReader;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * DNS rebinding: a drain's host name may resolve to a harmless address when the drain is added
 * (platform-api does not resolve it) and to the platform later. The router checks the address each
 * connect uses: a refused one costs the batch, counted as dropped and told to the app's log (L16).
 */
@QuarkusTest
class DrainRebindingTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    /** Answers for the names this test controls; others are not looked up. */
    static final class ControlledNames extends DrainHostResolver {
        private final Map<String, List<String>> addresses = new ConcurrentHashMap<>();

        void answer(String host, String... literals) {
            addresses.put(host, List.of(literals));
        }

        @Override
        public List<InetAddress> resolve(String host) throws UnknownHostException {
            List<InetAddress> resolved = new ArrayList<>();
            for (String literal : addresses.getOrDefault(host, List.of())) {
                resolved.add(InetAddress.getByName(literal)); // a literal: no lookup
            }
            if (resolved.isEmpty()) {
                throw new UnknownHostException(host);
            }
            return resolved;
        }
    }

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    ControlledNames names = new ControlledNames();
    Intake intake;
    TestApp app;
    HttpReceiver receiver = new HttpReceiver();

    @BeforeEach
    void createApp() {
        QuarkusMock.installMockForType(names, DrainHostResolver.class);
        intake = new Intake(base);
        app = TestApps.create(kafka, intake, "rebind");
    }

    @AfterEach
    void destroyApp() {
        TestApps.destroy(kafka, app);
        receiver.close();
    }

    @Test
    void an_http_drain_whose_name_moves_to_the_unspecified_address_is_refused_at_connect() {
        names.answer("drain.rebind.test", "127.0.0.1");
        String drainId = addDrain("http://drain.rebind.test:" + receiver.url("/").getPort() + "/drain");
        post("while harmless");
        await().atMost(WAIT).until(() -> delivered().contains("while harmless"));

        // 0.0.0.0 reaches this machine: the same receiver would get the lines.
        names.answer("drain.rebind.test", "0.0.0.0");
        post("after rebinding");
        await().atMost(WAIT).until(() -> refusals().stream().anyMatch(m -> m.contains("drain.rebind.test resolves to 0.0.0.0")));

        assertThat(delivered()).doesNotContain("after rebinding");
        assertThat(refusals().get(0)).matches("Error L16 \\(drain destination refused\\): error=\".*\" "
                + "uri=\"http://drain.rebind.test:\\d+/drain\"");
        await().atMost(WAIT).until(() -> droppedAsRefused(drainId) > 0);
    }

    @Test
    void a_syslog_drain_whose_name_resolves_to_a_platform_port_on_this_machine_is_refused() {
        names.answer("sink.rebind.test", "127.0.0.1");
        // 5100: the API's port (DESIGN.md); platform-api let the name pass, since it is not this machine's.
        String drainId = addDrain("syslog+tcp://sink.rebind.test:5100");
        post("to the API?");

        await().atMost(WAIT).until(() -> refusals().stream().anyMatch(m -> m.contains("sink.rebind.test resolves to 127.0.0.1, port 5100")));
        await().atMost(WAIT).until(() -> droppedAsRefused(drainId) > 0);
    }

    @Test
    void every_address_of_a_name_is_checked_and_a_link_local_one_is_refused_whatever_the_port() throws Exception {
        DrainDestinations destinations = new DrainDestinations(names, Set.of(5100));
        names.answer("metadata.rebind.test", "127.0.0.1", "169.254.169.254");
        names.answer("receiver.rebind.test", "127.0.0.1");

        assertThatThrownBy(() -> destinations.check("metadata.rebind.test", 8080))
                .isInstanceOf(DrainDestinations.RefusedException.class).hasMessageContaining("169.254.169.254");
        assertThat(destinations.check("receiver.rebind.test", 8080)).as("another port of this machine: a local receiver")
                .isEqualTo(new InetSocketAddress("127.0.0.1", 8080));
    }

    private String addDrain(String url) {
        String drainId = UUID.randomUUID().toString();
        TestApps.publish(kafka, new DrainAdded(app.name(), "test@example.com", Instant.now(), 1L, drainId, url,
                "d." + UUID.randomUUID()));
        // Lines count from the drain's start: its first position committed.
        try (Admin admin = kafka.admin()) {
            await().atMost(WAIT).until(() -> !admin.listConsumerGroupOffsets(DrainShipper.groupId(drainId))
                    .partitionsToOffsetAndMetadata().get().isEmpty());
        }
        return drainId;
    }

    private void post(String message) {
        assertThat(intake.post(app.appToken(), List.of(frame("app", "web.1", message))).statusCode()).isEqualTo(204);
    }

    private List<String> delivered() {
        return receiver.requests().stream().flatMap(r -> {
            try {
                return LogplexParser.parseBody(r.body()).stream();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }).map(LogplexFrame::message).toList();
    }

    private List<String> refusals() {
        return LogTopicReader.all(kafka, app.name()).stream().map(stored -> stored.line().message())
                .filter(m -> m.startsWith("Error L16")).toList();
    }

    private double droppedAsRefused(String drainId) {
        try {
            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(base.resolve("/q/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            return metrics.lines().filter(l -> l.startsWith("jp_drain_dropped_total{") && l.contains("drain=\"" + drainId + "\"")
                            && l.contains("reason=\"refused\""))
                    .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).sum();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
