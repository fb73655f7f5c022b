package dev.jp.cli.apps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "apps", mixinStandardHelpOptions = true, description = "List your apps.")
public final class AppsCommand extends ApiCommand {

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    protected int run() {
        Node apps = api().get("/apps");
        if (json) {
            Output.json(out(), apps);
            return 0;
        }
        String owner = apps.list().isEmpty() ? api().get("/account").text("email") : apps.list().get(0).path("owner", "email").text();
        Output.header(out(), owner + " Apps");
        if (apps.list().isEmpty()) {
            err().println("You have no apps.");
        }
        apps.list().stream().map(app -> app.text("name")).sorted().forEach(out()::println);
        return 0;
    }
}
