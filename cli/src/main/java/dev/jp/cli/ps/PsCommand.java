package dev.jp.cli.ps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.ExitCodes;
import dev.jp.cli.Output;
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
        String name = app.resolve(context());
        List<Node> dynos = api().get("/apps/" + name + "/dynos").list().stream()
                .filter(d -> type == null || d.text("type").equals(type) || d.text("name").equals(type))
                .toList();
        if (json) {
            Output.json(out(), dynos.stream().map(Node::value).toList());
            return 0;
        }
        if (dynos.isEmpty()) {
            if (type != null) {
                throw new CliException(ExitCodes.NOT_FOUND, "No " + type + " dynos on " + name);
            }
            err().println("No dynos on " + name);
            return 0;
        }
        DynoLines.print(out(), dynos, Instant.now());
        return 0;
    }
}
