package dev.jp.cli.ps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "ps:scale", mixinStandardHelpOptions = true,
        description = {"Scale process types: web=2 worker+1 web-1 web=3:Standard-2X.",
                "Without arguments, print the formation."})
public final class PsScaleCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..*", paramLabel = "TYPE=N[:SIZE]", description = "TYPE=N, TYPE+N or TYPE-N, optionally :SIZE.")
    List<String> args = List.of();

    @Option(names = "--json", description = "Print the formation as JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        if (args.isEmpty()) {
            Node formation = api().get("/apps/" + name + "/formation");
            if (json) {
                Output.json(out(), formation);
            } else {
                out().println(formation.list().stream().map(PsScaleCommand::quantityAndSize).collect(Collectors.joining(" ")));
            }
            return 0;
        }
        List<ScaleArgs.Update> updates = ScaleArgs.parse(args);
        progress("Scaling dynos");
        Node formation = api().patch("/apps/" + name + "/formation",
                Map.of("updates", updates.stream().map(ScaleArgs.Update::toJson).toList()));
        Set<String> asked = updates.stream().map(ScaleArgs.Update::type).collect(Collectors.toSet());
        done(", now running " + formation.list().stream().filter(f -> asked.contains(f.text("type")))
                .map(f -> f.text("type") + " at " + f.integer("quantity") + ":" + f.text("size"))
                .collect(Collectors.joining(", ")));
        if (json) {
            Output.json(out(), formation);
        }
        return 0;
    }

    private static String quantityAndSize(Node formation) {
        return formation.text("type") + "=" + formation.integer("quantity") + ":" + formation.text("size");
    }
}
