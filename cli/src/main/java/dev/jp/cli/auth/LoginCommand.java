package dev.jp.cli.auth;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.api.ApiClient;
import dev.jp.cli.api.Node;
import dev.jp.cli.config.CliConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "login", mixinStandardHelpOptions = true,
        description = "Check a token against an API (GET /account) and save both to the config file (mode 0600).")
public final class LoginCommand extends ApiCommand {

    @Option(names = "--api", required = true, paramLabel = "URL", description = "The API's address, such as http://localhost:5000.")
    String url;

    @Option(names = "--token", required = true, paramLabel = "TOKEN", description = "An API token of your account.")
    String token;

    @Override
    protected int run() {
        progress("Logging in to " + url);
        Node account = new ApiClient(url, token).get("/account");
        CliConfig config = new CliConfig(url.replaceAll("/+$", ""), token);
        config.save(context().env());
        done();
        err().println("Logged in as " + account.text("email") + "; saved to " + CliConfig.file(context().env()));
        return 0;
    }
}
