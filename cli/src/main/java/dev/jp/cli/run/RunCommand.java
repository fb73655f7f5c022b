package dev.jp.cli.run;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.CliException;
import dev.jp.cli.api.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.OptionalInt;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code heroku run}: a one-off dyno attached to this terminal through the platform's TLS
 * rendezvous. On a terminal, stdin goes raw, so Ctrl-C reaches the remote process as a byte; the
 * remote process's exit status becomes jp's.
 */
@Command(name = "run", mixinStandardHelpOptions = true,
        description = {"Run a one-off dyno attached to this terminal; jp exits with its exit status.",
                "The rendezvous certificate is checked against $JP_RENDEZVOUS_CA, else rendezvous.ca in jp's config, else the JDK's CAs."})
public final class RunCommand extends ApiCommand {

    @Mixin
    OneOffOptions oneOff;

    @Option(names = "--no-tty", description = "No terminal on the dyno, and stdin not raw here.")
    boolean noTty;

    @Override
    protected int run() {
        String name = oneOff.app.resolve(context());
        String line = oneOff.commandLine();
        boolean terminal = !noTty && context().tty() && Terminal.stdinIsTerminal();
        Map<String, Object> request = oneOff.request(true, environment(terminal));
        if (noTty) {
            request.put("force_no_tty", true);
        }
        progress("Running " + line + " on " + name);
        Node dyno = api().post("/apps/" + name + "/dynos", request);
        String attachUrl = dyno.text("attach_url");
        if (attachUrl.isEmpty()) {
            throw CliException.failure("the API started " + dyno.text("name") + " without an attach_url; follow it with jp logs -p "
                    + dyno.text("name") + " --tail");
        }
        done(", " + dyno.text("name"));
        OptionalInt status;
        try (Rendezvous rendezvous = Rendezvous.open(attachUrl, RendezvousTrust.sslContext(context()))) {
            Runnable restore = terminal ? Terminal.raw() : () -> { };
            try {
                status = rendezvous.pipe(context().in(), out(), terminal);
            } finally {
                restore.run();
            }
        }
        return status.orElseThrow(() -> CliException.failure("the dyno " + dyno.text("name") + " closed the connection without its exit status"));
    }

    /** The user's {@code --env} over the terminal's size and type, as Heroku sends them. */
    private Map<String, Object> environment(boolean terminal) {
        Map<String, Object> environment = new LinkedHashMap<>();
        int[] size = terminal ? Terminal.size().orElse(null) : null;
        environment.put("COLUMNS", size != null ? size[0] : number(context().env("COLUMNS"), 80));
        environment.put("LINES", size != null ? size[1] : number(context().env("LINES"), 24));
        if (context().env("TERM") != null) {
            environment.put("TERM", context().env("TERM"));
        }
        return oneOff.environment(environment);
    }

    private static int number(String value, int otherwise) {
        try {
            return value == null ? otherwise : Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            return otherwise;
        }
    }
}
