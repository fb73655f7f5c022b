package dev.jp.cli.releases;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.ExitCodes;
import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "releases:info", mixinStandardHelpOptions = true, description = "Show one release (default: the current one) and its config vars.")
public final class ReleasesInfoCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "vN", description = "The release: v3 or 3.")
    String release;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        int version = release == null ? ReleaseList.currentVersion(api(), name) : Versions.parse(release);
        if (version == 0) {
            throw new CliException(ExitCodes.NOT_FOUND, name + " has no releases yet; deploy with jp deploy");
        }
        Node info = api().get("/apps/" + name + "/releases/" + version);
        Node config = api().get("/apps/" + name + "/releases/" + version + "/config-vars");
        if (json) {
            Output.json(out(), info);
            return 0;
        }
        Output.header(out(), "Release v" + info.integer("version"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("By", info.path("user", "email").text());
        values.put("Change", info.text("description"));
        values.put("Current", Boolean.TRUE.equals(info.get("current").value()) ? "yes" : "no");
        values.put("Slug", info.path("slug", "id").text());
        values.put("When", Output.time(info.text("created_at")));
        Output.keyValues(out(), values);
        out().println();
        Output.header(out(), "v" + version + " Config vars");
        Output.keyValues(out(), new TreeMap<>(stringValues(config)));
        return 0;
    }

    private static Map<String, String> stringValues(Node config) {
        Map<String, String> values = new LinkedHashMap<>();
        config.map().forEach((key, value) -> values.put(key, new Node(value).text()));
        return values;
    }
}
