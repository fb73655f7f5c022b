package dev.jp.cli.apps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "apps:info", mixinStandardHelpOptions = true, description = "Show an app: owner, dynos, release time, web URL.")
public final class AppsInfoCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print the app and its formation as JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Node info = api().get("/apps/" + name);
        Node formation = api().get("/apps/" + name + "/formation");
        if (json) {
            Map<String, Object> both = new LinkedHashMap<>();
            both.put("app", info.value());
            both.put("formation", formation.value());
            Output.json(out(), both);
            return 0;
        }
        Output.header(out(), info.text("name"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Dynos", formation.list().stream().filter(f -> f.integer("quantity") > 0)
                .map(f -> f.text("type") + ": " + f.integer("quantity")).collect(Collectors.joining(", ")));
        values.put("Owner", info.path("owner", "email").text());
        values.put("Region", info.path("region", "name").text());
        values.put("Stack", info.path("stack", "name").text());
        values.put("Created", Output.time(info.text("created_at")));
        values.put("Released", Output.time(info.text("released_at")));
        values.put("Web URL", info.text("web_url"));
        Output.keyValues(out(), values);
        return 0;
    }
}
