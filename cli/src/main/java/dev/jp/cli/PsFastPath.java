package dev.jp.cli;

import dev.jp.cli.ps.PsCommand;
import java.io.PrintWriter;
import java.util.List;
import java.util.Optional;

/**
 * {@code jp ps}, the command people run most and time, read without picocli: in a cold JVM,
 * loading and linking picocli's CommandLine (a large Java 5 class file that the start-up archive
 * cannot keep once linked, checked by the old verifier) and reading a command's annotations (the
 * JDK's annotation parser warming up and generating a proxy class per annotation type, which CDS
 * cannot keep on JDK 17) cost more than the rest of {@code jp ps} together.
 *
 * <p>Only the plain shapes are read here: {@code ps [TYPE] [-a APP | --app APP | --app=APP]
 * [--json]}, each at most once. Anything else ({@code --help}, {@code --verbose}, {@code -aAPP},
 * {@code --}, {@code @file}, a repeated option, a second TYPE, an unknown option) goes the usual
 * picocli way, which then parses it, helps or reports the usage error; so the two cannot disagree
 * on a command line both accept, and help and error texts have one source. MainTest checks that
 * the options named here are PsCommand's.
 */
final class PsFastPath {

    /** PsCommand's options that take a value. */
    static final List<String> APP_OPTION = List.of("-a", "--app");
    /** PsCommand's flag. */
    static final String JSON_FLAG = "--json";
    /** PsCommand's one optional positional parameter. */
    static final String TYPE_ARITY = "0..1";

    private PsFastPath() {
    }

    /** A clean {@code ps} command line, read. */
    record Parsed(String app, String type, boolean json) {
    }

    /** The command line read, or empty when it is for the usual path. */
    static Optional<Parsed> parse(String[] args) {
        if (args.length == 0 || !args[0].equals("ps")) {
            return Optional.empty();
        }
        String app = null;
        String type = null;
        boolean json = false;
        for (int i = 1; i < args.length; i++) {
            String arg = args[i];
            if (APP_OPTION.contains(arg) && app == null && i + 1 < args.length && plainValue(args[i + 1])) {
                app = args[++i];
            } else if (arg.startsWith("--app=") && app == null && plainValue(arg.substring("--app=".length()))) {
                app = arg.substring("--app=".length());
            } else if (arg.equals(JSON_FLAG) && !json) {
                json = true;
            } else if (type == null && plainValue(arg)) {
                type = arg;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(new Parsed(app, type, json));
    }

    /** A value picocli would also take as it is: not option-like, not an {@code @file} to expand. */
    private static boolean plainValue(String value) {
        return !value.startsWith("-") && !value.startsWith("@");
    }

    /** jp's exit code, or empty when this command line is for the usual path. */
    static Optional<Integer> run(Context context, String[] args) {
        Optional<Parsed> parsed = parse(args);
        if (parsed.isEmpty()) {
            return Optional.empty();
        }
        try {
            AppOption app = new AppOption();
            app.app = parsed.get().app();
            return Optional.of(PsCommand.list(context, ApiCommand.client(context), app.resolve(context),
                    parsed.get().type(), parsed.get().json()));
        } catch (RuntimeException e) {
            return Optional.of(ErrorReport.report(e, new PrintWriter(context.err(), true), false));
        }
    }
}
