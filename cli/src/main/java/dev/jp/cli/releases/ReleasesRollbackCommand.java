package dev.jp.cli.releases;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "releases:rollback", mixinStandardHelpOptions = true,
        description = "Roll back to a release's slug and config (default: the one before the current release); it makes a new release.")
public final class ReleasesRollbackCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "vN", description = "The release to go back to: v3 or 3.")
    String release;

    @Option(names = "--json", description = "Print the new release as JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        int target;
        if (release != null) {
            target = Versions.parse(release);
        } else {
            List<Node> latest = ReleaseList.newest(api(), name, 2);
            if (latest.size() < 2) {
                throw CliException.failure(name + " has no release before the current one to roll back to");
            }
            target = latest.get(1).integer("version");
        }
        progress("Rolling back " + name + " to v" + target);
        Node created = api().post("/apps/" + name + "/releases", Map.of("release", Integer.toString(target)));
        done(", v" + created.integer("version"));
        if (json) {
            Output.json(out(), created);
        } else {
            out().println("Released v" + created.integer("version") + ": " + created.text("description"));
        }
        return 0;
    }
}
