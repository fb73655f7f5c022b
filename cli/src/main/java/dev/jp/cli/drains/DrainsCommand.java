package dev.jp.cli.drains;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "drains", mixinStandardHelpOptions = true, description = "List the app's log drains.")
public final class DrainsCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Node drains = api().get("/apps/" + name + "/log-drains");
        if (json) {
            Output.json(out(), drains);
            return 0;
        }
        if (drains.list().isEmpty()) {
            err().println(name + " has no drains.");
            return 0;
        }
        Output.header(out(), "Drains");
        List<List<String>> rows = new ArrayList<>();
        drains.list().forEach(d -> rows.add(List.of(d.text("url"), "(" + d.text("token") + ")")));
        Output.table(out(), rows);
        return 0;
    }
}
