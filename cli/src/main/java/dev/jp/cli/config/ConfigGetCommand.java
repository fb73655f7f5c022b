package dev.jp.cli.config;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.ExitCodes;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "config:get", mixinStandardHelpOptions = true, description = "Print one config var's value (exit 3 when it is not set).")
public final class ConfigGetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(paramLabel = "KEY", description = "The config var.")
    String key;

    @Option(names = "--json", description = "Print {\"KEY\": value}.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Node value = api().get("/apps/" + name + "/config-vars").get(key);
        if (value.isNull()) {
            throw new CliException(ExitCodes.NOT_FOUND, key + " is not set on " + name);
        }
        if (json) {
            Output.json(out(), Map.of(key, value.text()));
        } else {
            out().println(value.text());
        }
        return 0;
    }
}
