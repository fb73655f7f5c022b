package dev.jp.cli.auth;

import dev.jp.cli.CliException;
import dev.jp.cli.config.CliConfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

@Command(name = "auth:token", mixinStandardHelpOptions = true,
        description = "Print the API token jp uses ($JP_API_KEY, else the config file).")
public final class AuthTokenCommand implements Callable<Integer> {

    @ParentCommand
    dev.jp.cli.Main jp;

    @Override
    public Integer call() {
        var context = jp.context();
        String token = Optional.ofNullable(context.env("JP_API_KEY"))
                .orElse(CliConfig.load(context.env()).map(CliConfig::token).orElse(null));
        if (token == null) {
            throw CliException.failure("no token; run jp login --api URL --token TOKEN");
        }
        context.out().println(token);
        return 0;
    }
}
