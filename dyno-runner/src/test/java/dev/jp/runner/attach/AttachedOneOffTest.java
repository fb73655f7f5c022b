package dev.jp.runner.attach;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DesiredDyno;
import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.localstack.LocalStack;
import dev.jp.localstack.testing.LocalStackExtension;
import dev.jp.runner.DynoRunner;
import dev.jp.runner.support.DesiredDynos;
import dev.jp.runner.support.DynoProcesses;
import dev.jp.runner.support.FakeIntake;
import dev.jp.runner.support.PlatformEventLog;
import dev.jp.runner.support.SlugServer;
import dev.jp.runner.support.TestConfig;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Attached one-off dynos on a real runner, real Kafka and a real pseudo-terminal (or real pipes,
 * without a tty); the test plays the rendezvous and the user's terminal.
 */
@ExtendWith(LocalStackExtension.class)
class AttachedOneOffTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final AtomicInteger APPS = new AtomicInteger();

    private static SlugServer slugs;
    private static SlugServer.Slug slug;
    private static FakeIntake intake;
    private static FakeRendezvous rendezvous;
    private static DynoRunner runner;
    private static DesiredDynos desired;
    private static PlatformEventLog events;

    private final String app = "attach" + APPS.incrementAndGet() + "-" + UUID.randomUUID().toString().substring(0, 6);

    @BeforeAll
    static void startRunner(LocalStack stack) throws Exception {
        slugs = new SlugServer();
        slug = slugs.serve("slug-attach", Map.of("Procfile", "web: true\n"));
        intake = new FakeIntake();
        rendezvous = new FakeRendezvous(Path.of("target/attach-rendezvous").toAbsolutePath());
        runner = DynoRunner.start(TestConfig.with(Map.of(
                "jp.runner.host", "runner-attach",
                "jp.runner.group", "attach-test-runners",
                "jp.runner.work-dir", Path.of("target/runner-attach-work").toAbsolutePath().toString(),
                "jp.runner.rendezvous-ca", rendezvous.caPem().toString(),
                "jp.runner.attach-timeout", "3s",
                "jp.log-router-url", intake.url().toString(),
                "jp.dynos.stop-grace", "2s")), stack.kafkaBootstrapServers());
        desired = new DesiredDynos(stack.kafkaBootstrapServers());
        events = new PlatformEventLog(stack.kafkaBootstrapServers());
    }

    @AfterAll
    static void stopRunner() throws IOException {
        runner.close();
        events.close();
        desired.close();
        intake.close();
        rendezvous.close();
        slugs.close();
    }

    @AfterEach
    void removeDynos() {
        desired.remove(app, "run.1");
        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
    }

    @Test
    void runs_on_a_pty_echoes_input_and_ends_with_the_exit_status_line() throws Exception {
        String secret = secret();
        rendezvous.expect(secret);
        desired.put(attached(app, "tty; read line; echo \"got $line\"; exit 3", rendezvous.url(secret), Map.of()));

        try (Socket user = rendezvous.user(secret)) {
            user.setSoTimeout(30_000);
            assertThat(readUntil(user.getInputStream(), "\n")).startsWith("/dev/pts/");
            user.getOutputStream().write("hello\n".getBytes(StandardCharsets.UTF_8));
            String rest = readToEnd(user.getInputStream());
            // The pty echoes the input (and turns \n into \r\n), then the process's own output.
            assertThat(rest).contains("hello\r\n", "got hello\r\n").endsWith("\uFFFF heroku-command-exit-status: 3\n");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "run.1"))
                .anySatisfy(s -> assertThat(s.state()).isEqualTo(DynoState.CRASHED))
                .anySatisfy(s -> assertThat(s.exitStatus()).isEqualTo(3)));
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "run.1"))
                .contains("Process exited with status 3"));
    }

    @Test
    void without_a_tty_piped_input_reaches_the_process_whole_and_unechoed_and_the_exit_status_comes_back() throws Exception {
        String secret = secret();
        rendezvous.expect(secret);
        // `echo hi | heroku run cat`: no terminal, stderr with stdout, the input's end closes stdin.
        desired.put(withoutTty(attached(app, "tty || true; wc -c; cat; echo to-stderr >&2; exit 4", rendezvous.url(secret), Map.of())));
        byte[] input = new byte[200_000];
        for (int i = 0; i < input.length; i++) {
            input[i] = (byte) (i % 251 == 4 ? '\n' : i % 251); // every byte value but Ctrl-D, which ends the input
        }

        try (Socket user = rendezvous.user(secret)) {
            user.setSoTimeout(30_000);
            Thread typing = new Thread(() -> {
                try {
                    user.getOutputStream().write(input);
                    user.getOutputStream().write(0x04);
                    user.getOutputStream().flush();
                } catch (IOException e) {
                    // the assertion on the output tells
                }
            });
            typing.start();
            String output = readToEnd(user.getInputStream());
            typing.join(30_000);

            // wc read everything up to the client's end of input, then saw the end (cat got nothing more).
            assertThat(output).isEqualTo("not a tty\n" + input.length + "\nto-stderr\n\uFFFF heroku-command-exit-status: 4\n");
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "run.1"))
                .anySatisfy(s -> assertThat(s.exitStatus()).isEqualTo(4)));
    }

    @Test
    void without_a_tty_cat_gives_back_exactly_the_bytes_it_was_given() throws Exception {
        String secret = secret();
        rendezvous.expect(secret);
        desired.put(withoutTty(attached(app, "cat", rendezvous.url(secret), Map.of())));
        byte[] input = "line one\nline two\r\n\u00e9\ttabbed\nno newline at the end".getBytes(StandardCharsets.UTF_8);

        try (Socket user = rendezvous.user(secret)) {
            user.setSoTimeout(30_000);
            user.getOutputStream().write(input);
            user.getOutputStream().write(0x04);
            user.getOutputStream().write("after the end".getBytes(StandardCharsets.UTF_8)); // goes nowhere
            user.getOutputStream().flush();
            byte[] output = user.getInputStream().readAllBytes();

            byte[] status = "\uFFFF heroku-command-exit-status: 0\n".getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.write(input);
            expected.write(status);
            assertThat(output).isEqualTo(expected.toByteArray());
        }
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "run.1"))
                .anySatisfy(s -> assertThat(s.state()).isEqualTo(DynoState.DOWN)));
    }

    @Test
    void a_user_who_leaves_hangs_up_the_process_group_and_the_dyno_stops() throws Exception {
        Path hup = Files.createTempFile(Path.of("target").toAbsolutePath(), "hup", ".txt");
        // A root runner runs the dyno as nobody: it must be able to write the file.
        Files.setPosixFilePermissions(hup, java.nio.file.attribute.PosixFilePermissions.fromString("rw-rw-rw-"));
        String secret = secret();
        rendezvous.expect(secret);
        desired.put(attached(app, "trap 'echo HUP >> \"$HUP_FILE\"' HUP; trap 'echo TERM >> \"$HUP_FILE\"; exit 0' TERM; "
                + "sleep 1000 & echo ready; wait; wait", rendezvous.url(secret), Map.of("HUP_FILE", hup.toString())));

        try (Socket user = rendezvous.user(secret)) {
            user.setSoTimeout(30_000);
            assertThat(readUntil(user.getInputStream(), "ready")).endsWith("ready");
            await().atMost(WAIT).until(() -> DynoProcesses.of(app).size() >= 2); // the shell and its sleep
        }

        await().atMost(WAIT).untilAsserted(() -> assertThat(Files.readString(hup)).startsWith("HUP\n"));
        await().atMost(WAIT).untilAsserted(() -> assertThat(DynoProcesses.of(app)).isEmpty());
        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "run.1")).extracting(DynoStateChanged::state)
                .contains(DynoState.DOWN));
        // The hang-up alone may end it (its sleep dies of SIGHUP, so the shell's wait returns) before the
        // normal stop begins; either way the platform says how it ended.
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "run.1"))
                .anySatisfy(line -> assertThat(line).matches("Stopping all processes with SIGTERM|Process exited with status \\d+")));
    }

    @Test
    void a_dyno_nobody_attaches_to_is_given_up_with_R13_and_never_runs() throws Exception {
        Path ran = Path.of("target").toAbsolutePath().resolve("ran-" + app);
        desired.put(attached(app, "touch \"$RAN\"", rendezvous.url(secret()), Map.of("RAN", ran.toString())));

        await().atMost(WAIT).untilAsserted(() -> assertThat(events.states(app, "run.1"))
                .anySatisfy(s -> {
                    assertThat(s.state()).isEqualTo(DynoState.CRASHED);
                    assertThat(s.error()).isEqualTo("R13");
                }));
        // The line travels in the next log batch, after the state fact.
        await().atMost(WAIT).untilAsserted(() -> assertThat(intake.messages("t-heroku-" + app, "run.1"))
                .anySatisfy(line -> assertThat(line).startsWith("Error R13 (Attach error)")
                        .contains("nobody attached within 3 seconds").doesNotContain("secret-")));
        assertThat(ran).doesNotExist();
    }

    private static String secret() {
        return "secret-" + UUID.randomUUID();
    }

    private static DesiredDyno attached(String app, String command, String url, Map<String, String> extraEnv) {
        DesiredDyno d = DesiredDynos.dyno(app, "run.1", command, slug);
        Map<String, String> env = new LinkedHashMap<>(d.env());
        env.putAll(extraEnv);
        env.put("TERM", "xterm");
        env.put("COLUMNS", "100");
        env.put("LINES", "30");
        return new DesiredDyno(d.app(), d.slot(), d.processType(), d.releaseVersion(), d.command(), env, d.size(),
                d.restartNonce(), d.slugId(), d.slugChecksum(), d.slugUrl(), true, true, d.appLogToken(), d.herokuLogToken(), url, null);
    }

    private static DesiredDyno withoutTty(DesiredDyno d) {
        return new DesiredDyno(d.app(), d.slot(), d.processType(), d.releaseVersion(), d.command(), d.env(), d.size(),
                d.restartNonce(), d.slugId(), d.slugChecksum(), d.slugUrl(), d.oneOff(), d.attach(), d.appLogToken(),
                d.herokuLogToken(), d.rendezvousUrl(), d.timeToLive(), true);
    }

    private static String readUntil(InputStream in, String end) throws IOException {
        ByteArrayOutputStream read = new ByteArrayOutputStream();
        while (!read.toString(StandardCharsets.UTF_8).endsWith(end)) {
            int b = in.read();
            if (b == -1) {
                break;
            }
            read.write(b);
        }
        return read.toString(StandardCharsets.UTF_8).strip();
    }

    private static String readToEnd(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
}
