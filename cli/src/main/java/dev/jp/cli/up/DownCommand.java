package dev.jp.cli.up;

import dev.jp.cli.ExitCodes;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "down", mixinStandardHelpOptions = true,
        description = "Stop the platform that jp up started (in the foreground or with -d), and everything it runs.")
public final class DownCommand implements Callable<Integer> {

    private static final long GRACE_SECONDS = 120;

    @Option(names = "--data", paramLabel = "DIR", description = "The data directory of that jp up (default: $JP_DATA or ~/.jp).")
    Path data;

    @Override
    public Integer call() throws Exception {
        UpState state = new UpState(DataDirectory.resolve(data));
        Optional<ProcessHandle> running = state.running();
        if (running.isEmpty()) {
            System.err.println("jp: jp is not up");
            return ExitCodes.OK;
        }
        ProcessHandle up = running.get();
        System.err.println("jp: stopping jp up (pid " + up.pid() + ")...");
        up.destroy();
        try {
            up.onExit().get(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            // Its children carry a parent-death signal, so they follow it down.
            System.err.println("jp: still running after " + GRACE_SECONDS + " s; killing it");
            up.destroyForcibly();
            up.onExit().get(30, TimeUnit.SECONDS);
            state.clear();
        }
        System.err.println("jp: stopped");
        return ExitCodes.OK;
    }
}
