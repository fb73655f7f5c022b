package dev.jp.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.localstack.testing.HerokuCli;
import dev.jp.api.rendezvous.RendezvousPeer;
import dev.jp.api.rendezvous.RendezvousServer;
import dev.jp.events.DesiredDyno;
import dev.jp.events.EventCodec;
import dev.jp.events.Topics;
import dev.jp.events.rendezvous.RendezvousUrl;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Heroku CLI's {@code heroku run} through this API's rendezvous: it trusts the
 * rendezvous certificate through {@code NODE_EXTRA_CA_CERTS}, discards the banner, prints the
 * dyno's output and exits with the status of the exit-status line. The test plays the dyno's
 * runner, reading the rendezvous from {@code dynos.desired} as a runner does (the runner's own
 * side, on a real pty, is dyno-runner's AttachedOneOffTest).
 */
@QuarkusTest
class HerokuRunTest {

    static Path home;

    @Inject
    RendezvousServer rendezvous;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @BeforeAll
    static void installCli() throws Exception {
        HerokuCli.install();
        home = Files.createTempDirectory("heroku-run-home");
    }

    @Test
    void heroku_run_prints_the_dynos_output_and_exits_with_its_status() throws Exception {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web"));
        HerokuCli heroku = new HerokuCli("http://127.0.0.1:" + RestAssured.port, Api.TOKEN, home,
                Map.of("NODE_EXTRA_CA_CERTS", rendezvous.caPem().toString()));

        CompletableFuture<HerokuCli.Result> run = CompletableFuture.supplyAsync(() -> {
            try {
                return heroku.run("run", "-a", app, "--", "sh", "-c", "echo hello; exit 3");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });

        DesiredDyno dyno = desired(app, "run.1");
        assertThat(dyno.attach()).isTrue();
        assertThat(dyno.command()).contains("echo hello; exit 3");
        RendezvousUrl url = RendezvousUrl.parse(dyno.rendezvousUrl());
        try (RendezvousPeer runner = RendezvousPeer.connect(rendezvous.caPem(), url.host(), url.port(), "dyno " + url.secret())) {
            assertThat(runner.read(12)).isEqualTo("rendezvous\r\n");
            runner.write("hello\r\n");
            runner.write("\uFFFF heroku-command-exit-status: 3\n");
        }

        HerokuCli.Result result = run.get(2, TimeUnit.MINUTES);
        assertThat(result.output()).contains("hello").doesNotContain("heroku-command-exit-status");
        assertThat(result.exitCode()).as(result.output()).isEqualTo(3);
    }

    private DesiredDyno desired(String app, String slot) {
        AtomicReference<DesiredDyno> found = new AtomicReference<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrapServers),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.DYNOS_DESIRED).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.key().equals(Topics.desiredDynoKey(app, slot)) && record.value() != null) {
                        found.set(EventCodec.decodeDesired(record.value()));
                    }
                });
                return found.get() != null;
            });
        }
        return found.get();
    }
}
