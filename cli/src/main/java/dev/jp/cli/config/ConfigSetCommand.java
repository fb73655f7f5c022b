package dev.jp.cli.config;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import dev.jp.cli.releases.ReleaseList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:set", mixinStandardHelpOptions = true,
        description = "Set config vars: KEY=value... One new release, and the dynos restart on it.")
public final class ConfigSetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "KEY=VALUE", description = "The vars to set.")
    List<String> args;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Map<String, Object> values = ConfigVars.assignments(args);
        progress("Setting " + ConfigVars.names(values.keySet()) + " and restarting " + name);
        api().patch("/apps/" + name + "/config-vars", values);
        done(", v" + ReleaseList.currentVersion(api(), name));
        Map<String, String> shown = new LinkedHashMap<>();
        values.forEach((key, value) -> shown.put(key, String.valueOf(value)));
        Output.keyValues(out(), shown);
        return 0;
    }
}
