package dev.jp.cli.apps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apps:destroy", mixinStandardHelpOptions = true,
        description = "Destroy an app for good: its dynos stop, its name becomes free; its audit history stays readable.")
public final class AppsDestroyCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "APP", description = "The app (or -a APP).")
    String named;

    @Option(names = {"-c", "--confirm"}, paramLabel = "APP", description = "The app's name again, so a script cannot destroy the wrong one.")
    String confirm;

    @Override
    protected int run() {
        String name = named != null ? named : app.resolve(context());
        if (!name.equals(confirm)) {
            throw CliException.usage("This destroys " + name + " and its dynos. To proceed, re-run with --confirm " + name);
        }
        progress("Destroying " + name);
        api().delete("/apps/" + name);
        done();
        return 0;
    }
}
