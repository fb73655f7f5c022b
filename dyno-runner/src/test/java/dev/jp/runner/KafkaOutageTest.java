package dev.jp.runner;

import static dev.jp.runner.support.DesiredDynos.dyno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DynoState;
import dev.jp.localstack.kafka.KafkaBroker;
import dev.jp.localstack.process.FreePort;
import dev.jp.localstack.process.LogFileSink;
import dev.jp.runner.support.DesiredDynos;
import dev.jp.runner.support.DynoProcesses;
import dev.jp.runner.support.PlatformEventLog;
import dev.jp.runner.support.SlugServer;
import dev.jp.runner.support.TestConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A runner whose Kafka goes away keeps its dynos running (and restarts the ones that crash
 * meanwhile), and tells what happened once Kafka is back. The test stops and restarts a broker of
 * its own, so the shared test broker of the other tests is never disturbed.
 */
class KafkaOutageTest {

    private static final String APP = "outage";

    @Test
    void keeps_its_dynos_running_while_kafka_is_unreachable_and_reports_their_facts_when_it_returns() throws Exception {
        Path data = Path.of("target/outage-broker").toAbsolutePath();
        if (Files.exists(data)) {
            try (var old = Files.walk(data)) {
                old.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(data);
        LogFileSink logs = new LogFileSink(data.resolve("logs"));
        int port = FreePort.pick();
        int controllerPort = FreePort.pick();
        KafkaBroker broker = KafkaBroker.start(data, port, controllerPort, "256m", logs);
        try (SlugServer slugs = new SlugServer();
             DynoRunner runner = DynoRunner.start(TestConfig.with(Map.of(
                     "jp.runner.host", "runner-k",
                     "jp.runner.work-dir", Path.of("target/runner-work").toAbsolutePath().toString(),
                     "jp.runner.session-timeout", "6s",
                     "jp.runner.first-port", "32000",
                     "jp.log-router-url", "http://127.0.0.1:9",
                     "jp.dynos.stop-grace", "2s")), broker.bootstrapServers());
             DesiredDynos desired = new DesiredDynos(broker.bootstrapServers());
             PlatformEventLog events = new PlatformEventLog(broker.bootstrapServers())) {
            SlugServer.Slug slug = slugs.serve("outage-slug", Map.of("Procfile", "worker: sleep 1000\n"));
            desired.put(dyno(APP, "worker.1", "exec sleep 1000", slug));
            desired.put(dyno(APP, "worker.2", "exec sleep 1000", slug));
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events.states(APP))
                    .filteredOn(s -> s.state() == DynoState.UP).extracting(s -> s.dyno()).contains("worker.1", "worker.2"));
            long crashing = DynoProcesses.dynos(APP).get("worker.1").pid();
            long steady = DynoProcesses.dynos(APP).get("worker.2").pid();

            broker.close();
            DynoProcesses.kill9(crashing);

            // Without Kafka the crash still restarts at once, and nothing is stopped for lack of
            // contact, for longer than the group's session timeout.
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                DynoProcesses.Proc now = DynoProcesses.dynos(APP).get("worker.1");
                return now != null && now.pid() != crashing;
            });
            long restarted = DynoProcesses.dynos(APP).get("worker.1").pid();
            await().during(Duration.ofSeconds(10)).atMost(Duration.ofSeconds(20)).until(() ->
                    pids().equals(Map.of("worker.1", restarted, "worker.2", steady)));

            broker = KafkaBroker.start(data, port, controllerPort, "256m", logs);

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(events.states(APP, "worker.1"))
                    .anySatisfy(s -> {
                        assertThat(s.state()).isEqualTo(DynoState.CRASHED);
                        assertThat(s.pid()).isEqualTo(crashing);
                        assertThat(s.signal()).isEqualTo("SIGKILL");
                    })
                    .anySatisfy(s -> {
                        assertThat(s.state()).isEqualTo(DynoState.UP);
                        assertThat(s.pid()).isEqualTo(restarted);
                    }));
            // Back in the group, the runner keeps what it runs: the same processes, and the slots
            // follow the topic again.
            await().during(Duration.ofSeconds(15)).atMost(Duration.ofSeconds(30)).until(() ->
                    pids().equals(Map.of("worker.1", restarted, "worker.2", steady)));
            desired.put(dyno(APP, "worker.3", "exec sleep 1000", slug));
            await().atMost(Duration.ofSeconds(30)).until(() -> pids().containsKey("worker.3"));
            assertThat(pids()).containsEntry("worker.1", restarted).containsEntry("worker.2", steady);

            for (String slot : new String[] {"worker.1", "worker.2", "worker.3"}) {
                desired.remove(APP, slot);
            }
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(DynoProcesses.of(APP)).isEmpty());
        } finally {
            broker.close();
        }
    }

    private static Map<String, Long> pids() {
        Map<String, Long> pids = new java.util.HashMap<>();
        DynoProcesses.dynos(APP).forEach((slot, proc) -> pids.put(slot, proc.pid()));
        return pids;
    }
}
