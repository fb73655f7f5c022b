package dev.jp.cli.ps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ps:restart", mixinStandardHelpOptions = true,
        description = "Restart one dyno (web.1), every dyno of a type (-p web, or just web), or all the app's dynos.")
public final class PsRestartCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    DynoTargetOptions targets;

    @Override
    protected int run() {
        String name = app.resolve(context());
        DynoTarget target = targets.target(true);
        progress("Restarting " + target.describe() + " on " + name);
        api().delete(switch (target.kind()) {
            case DYNO -> "/apps/" + name + "/dynos/" + target.name();
            case TYPE -> "/apps/" + name + "/formations/" + target.name();
            case ALL -> "/apps/" + name + "/dynos";
        });
        done();
        return 0;
    }
}
