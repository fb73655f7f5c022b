package dev.jp.cli.drains;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.api.ApiClient;
import dev.jp.cli.api.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "drains:remove", mixinStandardHelpOptions = true, description = "Stop draining to a URL (or the drain's token or id).")
public final class DrainsRemoveCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "URL|TOKEN", description = "The drain's URL, token or id.")
    String drain;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Node removed = api().delete("/apps/" + name + "/log-drains/" + ApiClient.segment(drain));
        out().println("Successfully removed drain " + removed.text("url"));
        return 0;
    }
}
