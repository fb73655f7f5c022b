package dev.jp.cli.releases;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "releases", mixinStandardHelpOptions = true, description = "List the app's releases, newest first.")
public final class ReleasesCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "15", description = "How many (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        List<Node> releases = ReleaseList.newest(api(), name, count);
        if (json) {
            Output.json(out(), releases.stream().map(Node::value).toList());
            return 0;
        }
        Output.header(out(), name + " Releases - Current: v" + (releases.isEmpty() ? 0 : current(releases)));
        List<List<String>> rows = new ArrayList<>();
        for (Node release : releases) {
            rows.add(List.of("v" + release.integer("version"), release.text("description"), release.path("user", "email").text(),
                    Output.time(release.text("created_at"))));
        }
        Output.table(out(), rows);
        return 0;
    }

    private static int current(List<Node> releases) {
        return releases.stream().filter(r -> Boolean.TRUE.equals(r.get("current").value())).mapToInt(r -> r.integer("version"))
                .findFirst().orElse(releases.get(0).integer("version"));
    }
}
