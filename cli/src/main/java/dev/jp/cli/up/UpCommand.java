package dev.jp.cli.up;

import dev.jp.cli.ExitCodes;
import dev.jp.cli.config.CliConfig;
import dev.jp.localstack.platform.LocalPlatform;
import dev.jp.localstack.process.ForemanConsole;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the whole platform on this machine: Kafka, PostgreSQL, log-router, platform-api "
                + "and one dyno-runner, with their output prefixed Foreman-style.",
                "Ctrl-C (or SIGTERM, or jp down) stops everything in reverse order."})
public final class UpCommand implements Callable<Integer> {

    private static final Duration DETACHED_START_TIMEOUT = Duration.ofMinutes(4);

    @Option(names = {"-d", "--detach"}, description = "Run in the background; jp down stops it.")
    boolean detach;

    @Option(names = "--data", paramLabel = "DIR", description = "Where the platform keeps its state (default: $JP_DATA or ~/.jp).")
    Path data;

    @Override
    public Integer call() throws Exception {
        Path dataDir = DataDirectory.resolve(data);
        UpState state = new UpState(dataDir);
        Optional<ProcessHandle> running = state.running();
        if (running.isPresent()) {
            System.err.println("jp: jp is already up (pid " + running.get().pid() + "); stop it with: jp down");
            return ExitCodes.FAILURE;
        }
        return detach ? startDetached(dataDir, state) : runInForeground(dataDir, state);
    }

    private int runInForeground(Path dataDir, UpState state) throws InterruptedException {
        state.starting();
        CountDownLatch stopped = new CountDownLatch(1);
        LocalPlatform[] platform = new LocalPlatform[1];
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.err.println("jp: stopping...");
            synchronized (platform) {
                if (platform[0] != null) {
                    platform[0].close();
                }
            }
            state.clear();
            stopped.countDown();
        }, "jp-up-stop"));

        ForemanConsole console = new ForemanConsole(System.out, System.console() != null, 10);
        LocalPlatform started = LocalPlatform.start(JpHome.locate(), dataDir, console);
        synchronized (platform) {
            platform[0] = started;
        }
        Properties report = UpReport.of(started);
        new CliConfig(started.apiUrl(), started.token(), started.rendezvousCa().toString()).save();
        state.ready(report);
        UpReport.print(report, System.out, false);
        stopped.await();
        return ExitCodes.OK;
    }

    private int startDetached(Path dataDir, UpState state) throws IOException {
        Files.createDirectories(dataDir);
        List<String> command = new ArrayList<>();
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            command.add("/usr/bin/setsid"); // away from this terminal's Ctrl-C and hang-up
        }
        command.addAll(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path"), dev.jp.cli.Main.class.getName(),
                "up", "--data", dataDir.toAbsolutePath().toString()));
        Process background = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(state.log().toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        System.err.println("jp: starting in the background (pid " + background.pid() + "), output in " + state.log());
        Instant deadline = Instant.now().plus(DETACHED_START_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            Optional<Properties> report = state.readyReport(background.pid());
            if (report.isPresent()) {
                UpReport.print(report.get(), System.out, true);
                return ExitCodes.OK;
            }
            if (!background.isAlive()) {
                System.err.println("jp: jp up failed; the end of " + state.log() + ":");
                tail(state.log(), 30).forEach(System.err::println);
                return ExitCodes.FAILURE;
            }
            LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        }
        System.err.println("jp: the platform was not ready within " + DETACHED_START_TIMEOUT.toMinutes()
                + " minutes; see " + state.log() + " (jp down stops it)");
        return ExitCodes.FAILURE;
    }

    private static List<String> tail(Path file, int lines) throws IOException {
        List<String> all = Files.readAllLines(file);
        return all.subList(Math.max(0, all.size() - lines), all.size());
    }
}
