package dev.jp.cli;

import dev.jp.cli.up.DownCommand;
import dev.jp.cli.up.UpCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code jp}: the command-line client of the platform. One class per command. */
@Command(name = "jp", mixinStandardHelpOptions = true, version = "jp 0.1.0",
        description = "A Heroku-style process platform: apps, releases, formations, dynos and logs.",
        subcommands = {UpCommand.class, DownCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the stack trace of an unexpected error.")
    boolean verbose;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    public static int run(String... args) {
        Main main = new Main();
        CommandLine commandLine = new CommandLine(main);
        commandLine.setExecutionExceptionHandler((error, cmd, parseResult) -> {
            cmd.getErr().println("jp: " + (error.getMessage() == null ? error.toString() : error.getMessage()));
            if (main.verbose) {
                error.printStackTrace(cmd.getErr());
            }
            return ExitCodes.FAILURE;
        });
        return commandLine.execute(args);
    }
}
