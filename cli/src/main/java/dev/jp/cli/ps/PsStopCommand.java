package dev.jp.cli.ps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "ps:stop", mixinStandardHelpOptions = true,
        description = {"Stop one dyno (web.1) or every dyno of a type (-p web).",
                "A formation dyno is started again by the platform; scale to 0 to keep it down."})
public final class PsStopCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Mixin
    DynoTargetOptions targets;

    @Override
    protected int run() {
        String name = app.resolve(context());
        DynoTarget target = targets.target(false);
        progress("Stopping " + target.describe() + " on " + name);
        api().post(switch (target.kind()) {
            case DYNO -> "/apps/" + name + "/dynos/" + target.name() + "/actions/stop";
            default -> "/apps/" + name + "/formations/" + target.name() + "/actions/stop";
        }, java.util.Map.of());
        done();
        return 0;
    }
}
