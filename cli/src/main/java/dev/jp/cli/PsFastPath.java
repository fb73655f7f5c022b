package dev.jp.cli;

import dev.jp.cli.ps.PsCommand;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code jp ps}, the command people run most and time, parsed by a picocli model built in code
 * rather than read from {@link PsCommand}'s annotations: in a cold JVM the first annotation read
 * costs about 45 ms (the JDK's annotation parser warming up and generating a proxy class per
 * annotation type, which CDS cannot keep on JDK 17). Only a command line that parses cleanly is
 * run here; anything else ({@code --help}, {@code --verbose}, a usage error) goes the usual way,
 * so help and error texts have one source. MainTest checks that both models take the same options.
 */
final class PsFastPath {

    private PsFastPath() {
    }

    /** The model: PsCommand's options, without --help and --version (those go the usual way). */
    static CommandSpec spec() {
        CommandSpec ps = CommandSpec.create().name("ps");
        ps.addOption(OptionSpec.builder("-a", "--app").paramLabel("APP").type(String.class).build());
        ps.addOption(OptionSpec.builder("--json").type(boolean.class).build());
        ps.addPositional(PositionalParamSpec.builder().paramLabel("TYPE").arity("0..1").type(String.class).build());
        return ps;
    }

    /** jp's exit code, or empty when this command line is for the usual path. */
    static Optional<Integer> run(Context context, String[] args) {
        if (args.length == 0 || !args[0].equals("ps")) {
            return Optional.empty();
        }
        ParseResult parsed;
        try {
            parsed = new CommandLine(spec()).parseArgs(Arrays.copyOfRange(args, 1, args.length));
        } catch (CommandLine.ParameterException e) {
            return Optional.empty();
        }
        try {
            AppOption app = new AppOption();
            app.app = parsed.matchedOptionValue("--app", null);
            String type = parsed.matchedPositionalValue(0, null);
            boolean json = parsed.matchedOptionValue("--json", false);
            return Optional.of(PsCommand.list(context, ApiCommand.client(context), app.resolve(context), type, json));
        } catch (RuntimeException e) {
            return Optional.of(ErrorHandler.report(e, new PrintWriter(context.err(), true), false));
        }
    }
}
