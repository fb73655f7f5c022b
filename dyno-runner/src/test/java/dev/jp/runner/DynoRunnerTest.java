package dev.jp.runner;

import static dev.jp.runner.support.DesiredDynos.dyno;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DesiredDyno;
import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.logplex.LogplexFrame;
import dev.jp.localstack.LocalStack;
import dev.jp.localstack.testing.LocalStackExtension;
import dev.jp.runner.support.DesiredDynos;
import dev.jp.runner.support.DynoProcesses;
import dev.jp.runner.support.FakeIntake;
import dev.jp.runner.support.PlatformEventLog;
import dev.jp.runner.support.SlugServer;
import dev.jp.runner.support.TestConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * One real runner against the real broker: desired dynos go in on {@code dynos.desired}, and the
 * test looks at what a user could: processes in {@code /proc}, facts on {@code platform.events},
 * lines at the (fake) log intake.
 */
@ExtendWith(LocalStackExtension.class)
class DynoRunnerTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger APPS = new AtomicInteger();

    private static SlugServer slugs;
    private static SlugServer.Slug slug;
    private static FakeIntake intake;
    private static DynoRunner runner;
    private static DesiredDynos desired;
    private static PlatformEventLog events;
    private static String bootstrapServers;

    private final List<DesiredDyno> written = new ArrayList<>();
    private final String app = "demo" + APPS.incrementAndGet();

    @BeforeAll
    static void startRunner(LocalStack stack) {
        slugs = new SlugServer();
        slug = slugs.serve("slug-1", Map.of(
                "Procfile", "web: python3 -m http.server $PORT\n",
                "bin/worker.sh", "#!/bin/sh\necho \"worker $DYNO up on $PORT\"\necho oops >&2\nexec sleep 1000\n"));
        intake = new FakeIntake();
        runner = DynoRunner.start(TestConfig.with(Map.of(
                "jp.runner.host", "runner-a",
                "jp.runner.work-dir", Path.of("target/runner-work").toAbsolutePath().toString(),
                "jp.log-router-url", intake.url().toString(),
                "jp.dynos.boot-timeout", "3s",
                "jp.dynos.stop-grace", "2s",
                "jp.dynos.backoff-initial", "400ms",
                "jp.dynos.backoff-max", "5s",
                "jp.dynos.stats-interval", "300ms",
                "jp.dynos.memory-quota-mb.tiny", "1")), stack.kafkaBootstrapServers());
        bootstrapServers = stack.kafkaBootstrapServers();
        desired = new DesiredDynos(stack.kafkaBootstrapServers());
        events = new PlatformEventLog(stack.kafkaBootstrapServers());
    }

    @AfterAll
    static void stopRunner() {
        runner.close();
        events.close();
        desired.close();
        intake.close();
        slugs.close();
    }

    /** Every test removes what it asked for; then nothing of its app may be left running. */
    @AfterEach
    void removeDynos() {
        written.forEach(d -> desired.remove(d.app(), d.slot()));
        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
    }

    private DesiredDyno put(DesiredDyno dyno) {
        written.add(dyno);
        desired.put(dyno);
        return dyno;
    }

    @Test
    void runs_the_formation_as_processes_with_the_right_env_and_scaling_down_touches_nothing_else() {
        for (int i = 1; i <= 3; i++) {
            put(dyno(app, "web." + i, "exec python3 -m http.server $PORT --bind 127.0.0.1", slug));
        }
        for (int i = 1; i <= 2; i++) {
            put(dyno(app, "worker." + i, "exec bin/worker.sh", slug));
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.dynos(app))
                .containsOnlyKeys("web.1", "web.2", "web.3", "worker.1", "worker.2"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app))
                .filteredOn(s -> s.state() == DynoState.UP).extracting(DynoStateChanged::dyno)
                .contains("web.1", "web.2", "web.3", "worker.1", "worker.2"));
        Map<String, DynoProcesses.Proc> before = DynoProcesses.dynos(app);
        Set<Integer> ports = new java.util.HashSet<>();
        before.forEach((slot, proc) -> {
            assertThat(proc.env()).containsEntry("DYNO", slot).containsEntry("PS", slot)
                    .containsEntry("JP_APP", app).containsEntry("JP_RELEASE_VERSION", "1")
                    .containsEntry("GREETING", "hello").containsKey("PORT");
            // Nothing of the runner's own environment: only a base, the app's env, PORT and PS
            // (PWD is the shell's own).
            assertThat(proc.env().keySet()).isSubsetOf("PATH", "HOME", "LANG", "PWD", "GREETING", "DYNO", "JP_APP",
                    "JP_RELEASE_VERSION", "PORT", "PS");
            assertThat(Integer.parseInt(proc.env().get("PORT"))).isGreaterThanOrEqualTo(20000);
            ports.add(Integer.parseInt(proc.env().get("PORT")));
            assertThat(proc.uid()).as("dynos never run as root").isNotZero();
        });
        assertThat(ports).as("a port per dyno").hasSize(5);
        DynoStateChanged up = events.states(app, "web.1").stream().filter(s -> s.state() == DynoState.UP).findFirst().orElseThrow();
        assertThat(up.by()).isEqualTo("runner:runner-a");
        assertThat(up.host()).isEqualTo("runner-a");
        assertThat(up.appVersion()).isNull();
        assertThat(up.pid()).isEqualTo(before.get("web.1").pid());

        desired.remove(app, "web.2");
        desired.remove(app, "web.3");

        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.dynos(app))
                .containsOnlyKeys("web.1", "worker.1", "worker.2"));
        Map<String, DynoProcesses.Proc> after = DynoProcesses.dynos(app);
        for (String slot : List.of("web.1", "worker.1", "worker.2")) {
            assertThat(after.get(slot).pid()).as(slot + " untouched").isEqualTo(before.get(slot).pid());
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "web.2"))
                .last().satisfies(s -> {
                    assertThat(s.state()).isEqualTo(DynoState.DOWN);
                    assertThat(s.exitStatus()).isEqualTo(143);
                }));
        assertThat(slugs.fetches()).as("one fetch per slug per host").isEqualTo(1);
    }

    @Test
    void restarts_a_killed_dyno_at_once_and_records_the_crash() {
        put(dyno(app, "worker.1", "exec sleep 1000", slug));
        await().atMost(WAIT).until(() -> DynoProcesses.dynos(app).containsKey("worker.1"));
        long first = DynoProcesses.dynos(app).get("worker.1").pid();

        long killedAt = System.nanoTime();
        DynoProcesses.kill9(first);
        await().atMost(WAIT).pollInterval(Duration.ofMillis(2)).until(() -> {
            DynoProcesses.Proc now = DynoProcesses.dynos(app).get("worker.1");
            return now != null && now.pid() != first;
        });
        long restartMillis = (System.nanoTime() - killedAt) / 1_000_000;

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1"))
                .filteredOn(s -> s.state() == DynoState.CRASHED).singleElement().satisfies(crash -> {
                    assertThat(crash.pid()).isEqualTo(first);
                    assertThat(crash.exitStatus()).isEqualTo(137);
                    assertThat(crash.signal()).isEqualTo("SIGKILL");
                    assertThat(crash.restartCount()).isEqualTo(1);
                    assertThat(crash.nextRestartAt()).isEqualTo(crash.occurredAt());
                }));
        DynoStateChanged crash = events.states(app, "worker.1").stream().filter(s -> s.state() == DynoState.CRASHED).findFirst().orElseThrow();
        DynoStateChanged restarted = events.states(app, "worker.1").stream()
                .filter(s -> s.state() == DynoState.STARTING && s.occurredAt().compareTo(crash.occurredAt()) >= 0)
                .findFirst().orElseThrow();
        System.err.printf("crash -> restart: %d ms from kill -9 to the new process seen in /proc; %d µs from the crash"
                + " event to the starting event%n", restartMillis,
                Duration.between(crash.occurredAt(), restarted.occurredAt()).toNanos() / 1000);
        assertThat(Duration.between(crash.occurredAt(), restarted.occurredAt())).isLessThan(Duration.ofMillis(500));
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "worker.1"))
                .contains("Process exited with status 137", "State changed from up to crashed",
                        "State changed from crashed to starting"));
    }

    @Test
    void backs_off_a_crash_loop_and_says_when_it_restarts() {
        put(dyno(app, "worker.1", "exit 3", slug));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1"))
                .filteredOn(s -> s.state() == DynoState.CRASHED).hasSizeGreaterThanOrEqualTo(4));
        List<DynoStateChanged> crashes = events.states(app, "worker.1").stream()
                .filter(s -> s.state() == DynoState.CRASHED).toList();
        assertThat(crashes).extracting(DynoStateChanged::restartCount).startsWith(1, 2, 3, 4);
        assertThat(crashes).allSatisfy(c -> assertThat(c.exitStatus()).isEqualTo(3));
        assertThat(delay(crashes.get(0))).isZero();
        assertThat(delay(crashes.get(1))).isBetween(Duration.ofMillis(360), Duration.ofMillis(440));
        assertThat(delay(crashes.get(2))).isBetween(Duration.ofMillis(720), Duration.ofMillis(880));
        assertThat(delay(crashes.get(3))).isBetween(Duration.ofMillis(1440), Duration.ofMillis(1760));
        // The restart happens when the state said it would.
        DynoStateChanged restart = events.states(app, "worker.1").stream()
                .filter(s -> s.state() == DynoState.STARTING && s.occurredAt().isAfter(crashes.get(2).occurredAt()))
                .findFirst().orElseThrow();
        assertThat(restart.occurredAt()).isAfterOrEqualTo(crashes.get(2).nextRestartAt());
    }

    @Test
    void removing_a_crash_looping_slot_cancels_its_restart() {
        put(dyno(app, "worker.1", "exit 1", slug));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1"))
                .filteredOn(s -> s.state() == DynoState.CRASHED).hasSizeGreaterThanOrEqualTo(3));

        desired.remove(app, "worker.1");

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1")).last().satisfies(s -> {
            assertThat(s.state()).isEqualTo(DynoState.DOWN);
            assertThat(s.nextRestartAt()).isNull();
        }));
        assertThat(runner.dynos()).noneMatch(d -> d.app().equals(app));
    }

    private static Duration delay(DynoStateChanged crash) {
        return Duration.between(crash.occurredAt(), crash.nextRestartAt());
    }

    @Test
    void stop_takes_the_whole_process_group_with_it() {
        put(dyno(app, "worker.1", "sleep 1000 & wait", slug));
        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).hasSize(2));
        List<DynoProcesses.Proc> group = DynoProcesses.of(app);
        assertThat(group).extracting(DynoProcesses.Proc::group).containsOnly(group.get(0).group());

        desired.remove(app, "worker.1");

        // Neither the shell nor its background child is left (a zombie waiting for init does not count).
        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "worker.1"))
                .containsSubsequence("Stopping all processes with SIGTERM", "Process exited with status 143",
                        "State changed from up to down"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1"))
                .last().extracting(DynoStateChanged::state).isEqualTo(DynoState.DOWN));
    }

    @Test
    void kills_a_dyno_that_ignores_SIGTERM_after_the_grace_period_with_R12() {
        put(dyno(app, "worker.1", "trap '' TERM; while true; do sleep 0.2; done", slug));
        await().atMost(WAIT).until(() -> DynoProcesses.dynos(app).containsKey("worker.1"));

        Instant stop = Instant.now();
        desired.remove(app, "worker.1");

        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
        assertThat(Duration.between(stop, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "worker.1"))
                .containsSubsequence("Stopping all processes with SIGTERM",
                        "Error R12 (Exit timeout) -> Process failed to exit within 2 seconds of SIGTERM",
                        "Process exited with status 137"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1")).last().satisfies(s -> {
            assertThat(s.state()).isEqualTo(DynoState.DOWN);
            assertThat(s.error()).isEqualTo("R12");
        }));
    }

    @Test
    void a_web_dyno_that_never_binds_its_port_crashes_with_R10() {
        put(dyno(app, "web.1", "exec sleep 1000", slug));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "web.1"))
                .filteredOn(s -> s.state() == DynoState.CRASHED).first().satisfies(s -> {
                    assertThat(s.error()).isEqualTo("R10");
                    assertThat(s.signal()).isEqualTo("SIGKILL");
                }));
        assertThat(events.states(app, "web.1")).extracting(DynoStateChanged::state)
                .startsWith(DynoState.STARTING, DynoState.CRASHED).doesNotContain(DynoState.UP);
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "web.1"))
                .contains("Error R10 (Boot timeout) -> Web process failed to bind to $PORT within 3 seconds of launch",
                        "State changed from starting to crashed"));
    }

    @Test
    void refuses_a_slug_whose_checksum_does_not_match_with_R17() {
        put(DesiredDynos.withChecksum(dyno(app, "worker.1", "exec sleep 1000", slug), "SHA256:" + "0".repeat(64)));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1"))
                .filteredOn(s -> s.state() == DynoState.CRASHED).first().satisfies(s -> {
                    assertThat(s.error()).isEqualTo("R17");
                    assertThat(s.pid()).isNull();
                }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "worker.1"))
                .anySatisfy(m -> assertThat(m).startsWith("Error R17 (Checksum error) -> Checksum does not match")));
        assertThat(DynoProcesses.of(app)).isEmpty();
    }

    @Test
    void ships_output_and_platform_lines_to_the_log_intake() {
        put(dyno(app, "worker.1", "exec bin/worker.sh", slug));

        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.lines()).filteredOn(l -> l.dyno().equals("worker.1")
                && l.token().equals("t-app-" + app)).extracting(FakeIntake.Line::message)
                .contains("oops").anySatisfy(m -> assertThat(m).matches("worker worker\\.1 up on \\d+")));
        assertThat(intake.lines()).filteredOn(l -> l.token().equals("t-app-" + app)).allSatisfy(l -> {
            assertThat(l.source()).isEqualTo("app");
            assertThat(l.priority()).isEqualTo(l.message().equals("oops") ? LogplexFrame.ERROR : LogplexFrame.INFO);
        });
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "worker.1"))
                .containsSubsequence("Starting process with command `exec bin/worker.sh`", "State changed from starting to up"));
        assertThat(intake.lines()).filteredOn(l -> l.token().equals("t-heroku-" + app))
                .extracting(FakeIntake.Line::source).containsOnly("heroku");
        assertThat(intake.malformed()).isEmpty();
    }

    @Test
    void logs_runtime_metrics_per_dyno_and_keeps_them_in_its_state() {
        put(dyno(app, "worker.1", "exec sleep 1000", slug));

        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "worker.1"))
                .anySatisfy(m -> assertThat(m).matches(
                        "source=worker\\.1 sample#memory_rss=\\d+\\.\\d\\dMB sample#memory_pss=\\d+\\.\\d\\dMB sample#cpu=\\d+\\.\\d%")));
        await().atMost(WAIT).untilAsserted(() -> assertThat(runner.dynos())
                .filteredOn(d -> d.app().equals(app)).singleElement().satisfies(d -> {
                    assertThat(d.memoryRss()).isPositive();
                    assertThat(d.memoryPss()).isPositive();
                    assertThat(d.cpuPercent()).isNotNull();
                }));
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]>(
                java.util.Map.of("bootstrap.servers", bootstrapServers),
                new org.apache.kafka.common.serialization.StringDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            var partitions = consumer.partitionsFor(dev.jp.events.Topics.DYNOS_STATS).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            java.util.List<dev.jp.events.DynoStats> samples = new java.util.ArrayList<>();
            await().atMost(WAIT).untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (r.key().equals(app + "/worker.1")) {
                        samples.add(dev.jp.events.EventCodec.decodeStats(r.value()));
                    }
                });
                assertThat(samples).as("samples on dynos.stats, where jp ps reads them")
                        .anySatisfy(sample -> assertThat(sample.memoryRssMb()).isPositive());
            });
        }
    }

    @Test
    void kills_a_dyno_far_over_its_memory_quota_with_R15() {
        put(DesiredDynos.withSize(dyno(app, "worker.1", "exec python3 -c 'import time; time.sleep(1000)'", slug), "tiny"));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "worker.1"))
                .filteredOn(s -> s.state() == DynoState.CRASHED).first().satisfies(s -> {
                    assertThat(s.error()).isEqualTo("R15");
                    assertThat(s.signal()).isEqualTo("SIGKILL");
                }));
        // Lines travel in batches, facts one by one: the line may arrive after the fact.
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "worker.1"))
                .contains("Error R15 (Memory quota vastly exceeded)"));
    }

    @Test
    void restarts_only_the_slot_whose_record_changed() {
        DesiredDyno one = put(dyno(app, "worker.1", "exec sleep 1000", slug));
        put(dyno(app, "worker.2", "exec sleep 1000", slug));
        await().atMost(WAIT).until(() -> DynoProcesses.dynos(app).size() == 2);
        Map<String, DynoProcesses.Proc> before = DynoProcesses.dynos(app);

        desired.put(DesiredDynos.withNonce(one, 1));

        await().atMost(WAIT).untilAsserted(() -> {
            Map<String, DynoProcesses.Proc> now = DynoProcesses.dynos(app);
            assertThat(now).containsOnlyKeys("worker.1", "worker.2");
            assertThat(now.get("worker.1").pid()).isNotEqualTo(before.get("worker.1").pid());
        });
        assertThat(DynoProcesses.dynos(app).get("worker.2").pid()).isEqualTo(before.get("worker.2").pid());
        assertThat(events.states(app, "worker.1")).extracting(DynoStateChanged::restartCount).containsOnly(0);
    }

    @Test
    void a_one_off_dyno_runs_once() {
        put(dyno(app, "run.1", "echo one-off done; printf 'no newline at the end'", slug));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "run.1")).last().satisfies(s -> {
            assertThat(s.state()).isEqualTo(DynoState.DOWN);
            assertThat(s.exitStatus()).isZero();
            assertThat(s.nextRestartAt()).isNull();
        }));
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-app-" + app, "run.1"))
                .containsExactly("one-off done", "no newline at the end"));
        assertThat(events.states(app, "run.1")).filteredOn(s -> s.state() == DynoState.STARTING).hasSize(1);
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(intake.messages("t-heroku-" + app, "run.1")).contains("Process exited with status 0"));
    }

    @Test
    void a_one_off_dyno_is_stopped_when_its_time_to_live_has_passed() {
        DesiredDyno forever = dyno(app, "run.2", "sleep 1000", slug);
        put(new DesiredDyno(forever.app(), forever.slot(), forever.processType(), forever.releaseVersion(), forever.command(),
                forever.env(), forever.size(), 0, forever.slugId(), forever.slugChecksum(), forever.slugUrl(), true, false,
                forever.appLogToken(), forever.herokuLogToken(), null, 1));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "run.2")).last()
                .satisfies(s -> assertThat(s.state()).isEqualTo(DynoState.DOWN)));
        assertThat(DynoProcesses.dynos(app)).doesNotContainKey("run.2");
        assertThat(events.states(app, "run.2")).filteredOn(s -> s.state() == DynoState.STARTING).hasSize(1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "run.2"))
                .contains("Time to live of 1s reached", "Stopping all processes with SIGTERM"));
    }
}
