package dev.jp.cli.drains;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "drains:add", mixinStandardHelpOptions = true,
        description = "Send the app's log lines to a syslog (syslog+tls://, syslog://) or HTTPS drain.")
public final class DrainsAddCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "URL", description = "The drain's URL.")
    String url;

    @Option(names = "--json", description = "Print the drain as JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Node drain = api().post("/apps/" + name + "/log-drains", Map.of("url", url));
        if (json) {
            Output.json(out(), drain);
        } else {
            out().println("Successfully added drain " + drain.text("url") + " (" + drain.text("token") + ")");
        }
        return 0;
    }
}
