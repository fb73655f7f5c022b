package dev.jp.logs.drains;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DrainAdded;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logsession.LogSession;
import dev.jp.events.logsession.LogSessionToken;
import dev.jp.localstack.process.ChildProcess;
import dev.jp.localstack.process.ChildSpec;
import dev.jp.localstack.process.FreePort;
import dev.jp.localstack.process.LogFileSink;
import dev.jp.localstack.process.PidFile;
import dev.jp.localstack.testing.TestStack;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.HttpReceiver;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.SseClient;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Two router nodes, separate processes of the packaged router on one Kafka, as several nodes run
 * behind one address: each serves a tail of any app and sees every line, whichever node took it;
 * drains are shared out by their consumer groups (each shipped by exactly one node), and when a
 * node stops, its drains resume on the other from their committed offsets.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ScaleOutIT {

    private static final String SECRET = "scale-out-secret";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private static final Pattern LINE = Pattern.compile("line (\\d+)\\.");
    private static final Pattern DELIVERED = Pattern.compile("jp_drain_delivered_total\\{[^}]*drain=\"([^\"]+)\"[^}]*\\} ([0-9.E]+)");

    private KafkaClients kafka;
    private Node a;
    private Node b;

    /** One router process on a port of its own. */
    private record Node(ChildProcess process, URI base, Intake intake) {

        static Node start(String name, String bootstrap, Path data) {
            int port = FreePort.pick();
            List<String> command = List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                    "-XX:+UseSerialGC", "-jar", Path.of("target/quarkus-app/quarkus-run.jar").toAbsolutePath().toString());
            Map<String, String> env = Map.of(
                    "KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "QUARKUS_HTTP_PORT", Integer.toString(port),
                    "JP_LOG_SESSION_SECRET", SECRET,
                    "JP_DRAINS_RETRY_BACKOFF", "50ms",
                    "JP_DRAINS_MAX_BACKOFF", "1s");
            ChildProcess process = ChildProcess.start(new ChildSpec(name, command, Path.of(".").toAbsolutePath(), env,
                    new PidFile(data.resolve(name + ".pid"), data.toString()), null, "TERM"), new LogFileSink(data.resolve("logs")));
            URI base = URI.create("http://127.0.0.1:" + port + "/");
            await().atMost(Duration.ofSeconds(120)).until(() -> ready(base));
            return new Node(process, base, new Intake(base));
        }

        private static boolean ready(URI base) {
            try {
                return HTTP.send(HttpRequest.newBuilder(base.resolve("/q/health/ready")).timeout(Duration.ofSeconds(10)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        String metrics() throws Exception {
            return HTTP.send(HttpRequest.newBuilder(base.resolve("/q/metrics")).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
        }

        /** Lines this node has shipped, by drain id. */
        Map<String, Double> shipped() throws Exception {
            Map<String, Double> shipped = new java.util.HashMap<>();
            Matcher matcher = DELIVERED.matcher(metrics());
            while (matcher.find()) {
                shipped.merge(matcher.group(1), Double.parseDouble(matcher.group(2)), Double::sum);
            }
            return shipped;
        }

        void stop() {
            process.stop(Duration.ofSeconds(30));
        }
    }

    @BeforeAll
    void start() throws IOException {
        String bootstrap = TestStack.get().kafkaBootstrapServers();
        kafka = new KafkaClients(bootstrap);
        Path data = Files.createTempDirectory("jp-scale-out");
        a = Node.start("router-a", bootstrap, data);
        b = Node.start("router-b", bootstrap, data);
    }

    @AfterAll
    void stop() {
        for (Node node : new Node[] {a, b}) {
            if (node != null) {
                node.stop();
            }
        }
    }

    @Test
    @Order(1)
    void each_node_serves_a_tail_of_the_same_app_with_every_line() {
        TestApp app = app("spread");
        String session = LogSessionToken.issue(LogSession.create(app.name(), null, null, 0, true,
                Instant.now().plusSeconds(300)), SECRET.getBytes(StandardCharsets.UTF_8));
        try (SseClient onA = SseClient.open(a.base().resolve("/sessions/" + session), null);
             SseClient onB = SseClient.open(b.base().resolve("/sessions/" + session), null)) {
            // Lines go in through both nodes, alternately: a tail sees them whichever node took them.
            postUntilBothFollow(app, onA, onB);
            for (int i = 0; i < 40; i++) {
                Node node = i % 2 == 0 ? a : b;
                assertThat(node.intake().post(app.appToken(), List.of(Intake.frame("app", "web.1", "line " + i + "."))).statusCode())
                        .isEqualTo(204);
            }
            await().atMost(WAIT).until(() -> numbers(onA.data()).containsAll(range(0, 40))
                    && numbers(onB.data()).containsAll(range(0, 40)));
            assertThat(numbers(onA.data())).isEqualTo(range(0, 40));
            assertThat(onB.events()).isEqualTo(onA.events());
        }
    }

    @Test
    @Order(2)
    void drains_are_shared_out_and_resume_on_the_other_node_when_theirs_stops() throws Exception {
        TestApp app = app("drains");
        List<String> drains = new ArrayList<>();
        List<HttpReceiver> receivers = new ArrayList<>();
        try (Admin admin = kafka.admin()) {
            for (int d = 0; d < 4; d++) {
                HttpReceiver receiver = new HttpReceiver();
                String drainId = UUID.randomUUID().toString();
                TestApps.publish(kafka, new DrainAdded(app.name(), "test@example.com", Instant.now(), 1L + d, drainId,
                        receiver.url("/drain").toString(), "d." + UUID.randomUUID()));
                drains.add(drainId);
                receivers.add(receiver);
            }
            // Each drain's start is pinned once some node owns its group's partition.
            for (String drainId : drains) {
                await().atMost(WAIT).until(() -> !admin.listConsumerGroupOffsets(DrainShipper.groupId(drainId))
                        .partitionsToOffsetAndMetadata().get().isEmpty());
            }
        }
        try {
            post(app, a, 0, 30);
            for (HttpReceiver receiver : receivers) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(receiver))
                        .as("shipped by a: %s; by b: %s", a.shipped(), b.shipped()).containsAll(range(0, 30)));
            }
            // Exactly one node ships each drain.
            await().atMost(WAIT).untilAsserted(() -> {
                Map<String, Double> onA = a.shipped();
                Map<String, Double> onB = b.shipped();
                for (String drainId : drains) {
                    assertThat(onA.getOrDefault(drainId, 0.0) + onB.getOrDefault(drainId, 0.0)).as(drainId).isEqualTo(30.0);
                    assertThat(onA.containsKey(drainId) ^ onB.containsKey(drainId)).as(drainId + " on one node").isTrue();
                }
            });
            // The node shipping the first drain stops: its drains move to the other node and go
            // on from their committed offsets.
            Node owner = a.shipped().containsKey(drains.get(0)) ? a : b;
            Node survivor = owner == a ? b : a;
            Map<String, Double> shippedByOwner = owner.shipped();
            owner.stop();
            post(app, survivor, 30, 60);
            for (HttpReceiver receiver : receivers) {
                await().atMost(WAIT).untilAsserted(() -> assertThat(delivered(receiver))
                        .as("shipped by %s: %s", survivor == a ? "a" : "b", survivor.shipped()).containsAll(range(0, 60)));
                assertThat(delivered(receiver).stream().filter(n -> n < 30).count())
                        .as("lines shipped before the stop are not shipped again").isEqualTo(30);
            }
            Map<String, Double> bySurvivor = survivor.shipped();
            for (String drainId : drains) {
                double before = shippedByOwner.containsKey(drainId) ? 0 : 30;
                assertThat(bySurvivor.get(drainId)).as(drainId + " shipped by the surviving node").isEqualTo(before + 30);
            }
        } finally {
            receivers.forEach(HttpReceiver::close);
        }
    }

    private TestApp app(String prefix) {
        TestApp app = TestApps.create(kafka, a.intake(), prefix);
        await().atMost(WAIT).until(() -> b.intake().post(app.appToken(), new byte[0]).statusCode() == 204);
        return app;
    }

    /** Probe lines until both tails have one: from then on each follows the app live. */
    private void postUntilBothFollow(TestApp app, SseClient onA, SseClient onB) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> {
            a.intake().post(app.appToken(), List.of(Intake.frame("app", "web.1", "probe")));
            return onA.data().stream().anyMatch(d -> d.endsWith("probe")) && onB.data().stream().anyMatch(d -> d.endsWith("probe"));
        });
    }

    private static void post(TestApp app, Node node, int from, int to) {
        List<LogplexFrame> frames = IntStream.range(from, to).mapToObj(i -> Intake.frame("app", "web.1", "line " + i + ".")).toList();
        assertThat(node.intake().post(app.appToken(), frames).statusCode()).isEqualTo(204);
    }

    private static List<Integer> delivered(HttpReceiver receiver) {
        List<Integer> numbers = new ArrayList<>();
        for (HttpReceiver.Request request : receiver.requests()) {
            Matcher matcher = LINE.matcher(new String(request.body(), StandardCharsets.UTF_8));
            while (matcher.find()) {
                numbers.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return numbers;
    }

    private static List<Integer> numbers(List<String> data) {
        List<Integer> numbers = new ArrayList<>();
        for (String line : data) {
            Matcher matcher = LINE.matcher(line);
            if (matcher.find()) {
                numbers.add(Integer.parseInt(matcher.group(1)));
            }
        }
        return numbers;
    }

    private static List<Integer> range(int from, int to) {
        return IntStream.range(from, to).boxed().toList();
    }
}
