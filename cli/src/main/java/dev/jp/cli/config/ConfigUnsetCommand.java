package dev.jp.cli.config;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.releases.ReleaseList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

@Command(name = "config:unset", mixinStandardHelpOptions = true, description = "Remove config vars: KEY... One new release.")
public final class ConfigUnsetCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "1..*", paramLabel = "KEY", description = "The vars to remove.")
    List<String> keys;

    @Override
    protected int run() {
        String name = app.resolve(context());
        Map<String, Object> values = new HashMap<>();
        keys.forEach(key -> values.put(key, null));
        progress("Unsetting " + ConfigVars.names(keys) + " and restarting " + name);
        api().patch("/apps/" + name + "/config-vars", values);
        done(", v" + ReleaseList.currentVersion(api(), name));
        return 0;
    }
}
