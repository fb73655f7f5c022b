package dev.jp.cli.run;

import dev.jp.cli.CliException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * Attached one-off dynos need a rendezvous the platform does not offer yet (POST /dynos with
 * attach:true answers 422), so this says so plainly instead of pretending with a detached run.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a one-off dyno attached to this terminal.",
                "Not available yet on jp: use jp run:detached COMMAND and jp logs -p run.N --tail."})
public final class RunCommand implements Callable<Integer> {

    @Mixin
    dev.jp.cli.AppOption app;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command;

    @Override
    public Integer call() {
        throw CliException.failure("attached one-off dynos are not available on jp yet; run it detached: jp run:detached "
                + String.join(" ", command) + " (then jp logs -p run.N --tail)");
    }
}
