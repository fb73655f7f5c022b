package dev.jp.cli.ps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.Context;
import dev.jp.cli.ExitCodes;
import dev.jp.cli.Output;
import dev.jp.cli.api.ApiClient;
import dev.jp.cli.api.Node;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ps", mixinStandardHelpOptions = true,
        description = "List the app's dynos, grouped by process type, with restarts, crash back-off and runner host.")
public final class PsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "TYPE", description = "Only this process type (or one dyno, web.1).")
    String type;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    protected int run() {
        return list(context(), api(), app.resolve(context()), type, json);
    }

    /** The work of {@code jp ps}, also reached without picocli's reflection (dev.jp.cli.PsFastPath). */
    public static int list(Context context, ApiClient api, String app, String type, boolean json) {
        List<Node> dynos = api.get("/apps/" + app + "/dynos").list().stream()
                .filter(d -> type == null || d.text("type").equals(type) || d.text("name").equals(type))
                .toList();
        if (json) {
            Output.json(context.out(), dynos.stream().map(Node::value).toList());
            return 0;
        }
        if (dynos.isEmpty()) {
            if (type != null) {
                throw new CliException(ExitCodes.NOT_FOUND, "No " + type + " dynos on " + app);
            }
            context.err().println("No dynos on " + app);
            return 0;
        }
        DynoLines.print(context.out(), dynos, Instant.now());
        return 0;
    }
}
