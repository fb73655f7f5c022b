package dev.jp.cli.run;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "run:detached", mixinStandardHelpOptions = true,
        description = "Run a one-off dyno in the background; follow it with jp logs -p run.N.")
public final class RunDetachedCommand extends ApiCommand {

    @Mixin
    OneOffOptions oneOff;

    @Option(names = "--json", description = "Print the dyno as JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = oneOff.app.resolve(context());
        String line = oneOff.commandLine();
        Map<String, Object> request = oneOff.request(false, oneOff.environment(Map.of()));
        progress("Running " + line + " on " + name);
        Node dyno = api().post("/apps/" + name + "/dynos", request);
        done(", " + dyno.text("name"));
        if (json) {
            Output.json(out(), dyno);
        } else {
            out().println(dyno.text("name"));
            err().println("Run jp logs -a " + name + " -p " + dyno.text("name") + " --tail to see its output.");
        }
        return 0;
    }
}
