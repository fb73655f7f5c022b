package dev.jp.cli.apps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "apps:create", mixinStandardHelpOptions = true,
        description = {"Create an app (a generated name when NAME is left out).",
                "In an app directory (one with a Procfile) it also writes .jp, so later commands there need no -a."})
public final class AppsCreateCommand extends ApiCommand {

    @Parameters(arity = "0..1", paramLabel = "NAME", description = "The app's name: lower-case letters, digits and dashes.")
    String name;

    @Option(names = "--json", description = "Print the created app as JSON.")
    boolean json;

    @Override
    protected int run() throws Exception {
        Map<String, Object> body = new LinkedHashMap<>();
        if (name != null) {
            body.put("name", name);
        }
        progress("Creating " + (name == null ? "app" : name));
        Node app = api().post("/apps", body);
        String created = app.text("name");
        done(name == null ? ", " + created : "");
        if (Files.isRegularFile(context().cwd().resolve("Procfile")) && !Files.exists(context().cwd().resolve(AppOption.FILE))) {
            AppOption.write(context().cwd(), created);
            err().println("Wrote " + AppOption.FILE + ": jp commands in this directory now use " + created);
        }
        if (json) {
            Output.json(out(), app);
        } else {
            out().println(app.text("web_url"));
        }
        return 0;
    }
}
