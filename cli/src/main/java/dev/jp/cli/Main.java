package dev.jp.cli;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code jp}: the command-line client of the platform. One class per command, registered in
 * {@link Commands}; only the command being run is built, because picocli reflects over every
 * command it is given and {@code jp ps} should not pay for thirty others.
 */
@Command(name = "jp", mixinStandardHelpOptions = true, version = "jp 0.1.0",
        description = "A Heroku-style process platform: apps, releases, formations, dynos and logs.",
        footer = {"", "Exit codes: 0 ok, 1 failure, 2 usage, 3 not found, 4 conflict, 5 API unreachable."})
public final class Main {

    @Option(names = "--verbose", scope = CommandLine.ScopeType.INHERIT,
            description = "Show the stack trace of an unexpected error.")
    boolean verbose;

    private final Context context;

    Main(Context context) {
        this.context = context;
    }

    public Context context() {
        return context;
    }

    public boolean verbose() {
        return verbose;
    }

    private boolean progressOpen;

    /** Whether a {@code Doing it... } line waits for its {@code done}, which an error must close first. */
    void progressOpen(boolean open) {
        progressOpen = open;
    }

    boolean progressOpen() {
        return progressOpen;
    }

    public static void main(String[] args) {
        System.exit(run(Context.system(), args));
    }

    public static int run(String... args) {
        return run(Context.system(), args);
    }

    /** Runs one jp command line in this context; returns its exit code. */
    public static int run(Context context, String... args) {
        Optional<Integer> ps = PsFastPath.run(context, args);
        if (ps.isPresent()) {
            return ps.get();
        }
        skipUnusedConverters();
        Main main = new Main(context);
        CommandLine commandLine = new CommandLine(main);
        String name = commandName(args);
        Class<?> only = Commands.ALL.get(name);
        if (only != null) {
            commandLine.addSubcommand(only);
        } else {
            Commands.ALL.values().forEach(commandLine::addSubcommand);
            commandLine.addSubcommand(CommandLine.HelpCommand.class);
        }
        return configure(commandLine, main).execute(args);
    }

    /** The whole tree, for help and shell completion. */
    public static CommandLine full(Context context) {
        skipUnusedConverters();
        Main main = new Main(context);
        CommandLine commandLine = new CommandLine(main);
        Commands.ALL.values().forEach(commandLine::addSubcommand);
        commandLine.addSubcommand(CommandLine.HelpCommand.class);
        return configure(commandLine, main);
    }

    /**
     * picocli registers converters for java.sql and java.time types by reflection in every new
     * CommandLine, loading those packages; no jp option has such a type, and skipping them (with
     * picocli's own switch for this) saves a few milliseconds of every start.
     */
    private static void skipUnusedConverters() {
        if (System.getProperty("picocli.converters.excludes") == null) {
            System.setProperty("picocli.converters.excludes", "java\\.sql\\..*,java\\.time\\..*");
        }
    }

    private static CommandLine configure(CommandLine commandLine, Main main) {
        commandLine.setOut(new java.io.PrintWriter(main.context.out(), true));
        commandLine.setErr(new java.io.PrintWriter(main.context.err(), true));
        commandLine.setExecutionExceptionHandler(new ErrorHandler(main));
        commandLine.setParameterExceptionHandler((error, args) -> {
            CommandLine cmd = error.getCommandLine();
            cmd.getErr().println("jp: " + error.getMessage());
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(error, cmd.getErr())) {
                cmd.getErr().println("See: " + cmd.getCommandSpec().qualifiedName() + " --help");
            }
            return ExitCodes.USAGE;
        });
        return commandLine;
    }

    /** The first argument that is not an option of jp itself. */
    private static String commandName(String[] args) {
        List<String> rest = new ArrayList<>(Arrays.asList(args));
        rest.remove("--verbose");
        return rest.isEmpty() ? "" : rest.get(0);
    }

    /** Every command by name; a name with a colon is Heroku's topic:command. */
    static final class Commands {
        static final Map<String, Class<?>> ALL = new LinkedHashMap<>();

        static {
            ALL.put("login", dev.jp.cli.auth.LoginCommand.class);
            ALL.put("auth:token", dev.jp.cli.auth.AuthTokenCommand.class);
            ALL.put("apps", dev.jp.cli.apps.AppsCommand.class);
            ALL.put("apps:create", dev.jp.cli.apps.AppsCreateCommand.class);
            ALL.put("apps:info", dev.jp.cli.apps.AppsInfoCommand.class);
            ALL.put("apps:destroy", dev.jp.cli.apps.AppsDestroyCommand.class);
            ALL.put("deploy", dev.jp.cli.deploy.DeployCommand.class);
            ALL.put("ps", dev.jp.cli.ps.PsCommand.class);
            ALL.put("ps:scale", dev.jp.cli.ps.PsScaleCommand.class);
            ALL.put("ps:restart", dev.jp.cli.ps.PsRestartCommand.class);
            ALL.put("ps:stop", dev.jp.cli.ps.PsStopCommand.class);
            ALL.put("ps:wait", dev.jp.cli.ps.PsWaitCommand.class);
            ALL.put("releases", dev.jp.cli.releases.ReleasesCommand.class);
            ALL.put("releases:info", dev.jp.cli.releases.ReleasesInfoCommand.class);
            ALL.put("releases:rollback", dev.jp.cli.releases.ReleasesRollbackCommand.class);
            ALL.put("config", dev.jp.cli.config.ConfigCommand.class);
            ALL.put("config:get", dev.jp.cli.config.ConfigGetCommand.class);
            ALL.put("config:set", dev.jp.cli.config.ConfigSetCommand.class);
            ALL.put("config:unset", dev.jp.cli.config.ConfigUnsetCommand.class);
            ALL.put("logs", dev.jp.cli.logs.LogsCommand.class);
            ALL.put("run", dev.jp.cli.run.RunCommand.class);
            ALL.put("run:detached", dev.jp.cli.run.RunDetachedCommand.class);
            ALL.put("drains", dev.jp.cli.drains.DrainsCommand.class);
            ALL.put("drains:add", dev.jp.cli.drains.DrainsAddCommand.class);
            ALL.put("drains:remove", dev.jp.cli.drains.DrainsRemoveCommand.class);
            ALL.put("audit", dev.jp.cli.audit.AuditCommand.class);
            ALL.put("completion", CompletionCommand.class);
            ALL.put("up", dev.jp.cli.up.UpCommand.class);
            ALL.put("down", dev.jp.cli.up.DownCommand.class);
        }

        private Commands() {
        }
    }
}
