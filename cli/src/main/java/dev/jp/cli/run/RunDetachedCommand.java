package dev.jp.cli.run;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "run:detached", mixinStandardHelpOptions = true,
        description = "Run a one-off dyno in the background; follow it with jp logs -p run.N.")
public final class RunDetachedCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Environment for this dyno: 'A=1;B=2'; repeatable.")
    List<String> env = List.of();

    @Option(names = {"-s", "--size"}, paramLabel = "SIZE", description = "The dyno size (default: the app's).")
    String size;

    @Option(names = "--json", description = "Print the dyno as JSON.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command;

    @Override
    protected int run() {
        String name = app.resolve(context());
        String line = String.join(" ", command);
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", line);
        request.put("attach", false);
        Map<String, Object> extra = RunEnv.parse(env);
        if (!extra.isEmpty()) {
            request.put("env", extra);
        }
        if (size != null) {
            request.put("size", size);
        }
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
