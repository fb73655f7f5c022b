package dev.jp.cli.config;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config", mixinStandardHelpOptions = true, description = "Show the app's config vars.")
public final class ConfigCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--json", description = "Print them as a JSON object.")
    boolean json;

    @Option(names = {"-s", "--shell"}, description = "Print KEY=value lines, for a shell or a .env file.")
    boolean shell;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Node config = api().get("/apps/" + name + "/config-vars");
        if (json) {
            Output.json(out(), config);
            return 0;
        }
        Map<String, String> values = ConfigVars.sorted(config);
        if (shell) {
            values.forEach((key, value) -> out().println(key + "=" + value));
            return 0;
        }
        Output.header(out(), name + " Config Vars");
        Output.keyValues(out(), values);
        return 0;
    }
}
