package dev.jp.cli.deploy;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.Output;
import dev.jp.cli.api.ApiClient;
import dev.jp.cli.api.Node;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "deploy", mixinStandardHelpOptions = true,
        description = {"Pack a directory as a slug (honouring .slugignore, without .git), upload it and release it.",
                "The platform reads the process types from the directory's Procfile."})
public final class DeployCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Parameters(arity = "0..1", paramLabel = "DIR", description = "The app's directory (default: this one).")
    Path dir;

    @Option(names = {"-m", "--message"}, paramLabel = "TEXT", description = "The release's description (default: Deploy <commit>).")
    String message;

    @Option(names = "--json", description = "Print the release as JSON.")
    boolean json;

    @Override
    protected int run() throws IOException {
        Path root = context().cwd().resolve(dir == null ? Path.of(".") : dir).normalize();
        if (!Files.isDirectory(root)) {
            throw CliException.usage("No such directory: " + root);
        }
        if (!Files.isRegularFile(root.resolve("Procfile"))) {
            throw CliException.usage("No Procfile in " + root + "; it names the app's process types, such as: web: java Web.java");
        }
        String name = app.given() != null || dir == null ? app.resolve(context()) : appFor(root);

        progress("Packing " + root.getFileName());
        SlugArchive.Packed packed = SlugArchive.pack(root);
        done(String.format(" (%d files, %s)", packed.files(), size(packed.tarball().length)));

        Map<String, Object> request = new LinkedHashMap<>();
        String commit = GitHead.of(root);
        if (commit != null) {
            request.put("commit", commit);
        }
        progress("Uploading slug");
        Node slug = api().post("/apps/" + name + "/slugs", request);
        int status = ApiClient.putBytes(slug.path("blob", "url").text(), packed.tarball());
        if (status / 100 != 2) {
            throw CliException.failure("the slug upload answered " + status);
        }
        done();
        Node uploaded = api().get("/apps/" + name + "/slugs/" + slug.text("id"));
        err().println("Procfile declares types -> " + String.join(", ", uploaded.get("process_types").map().keySet()));

        Map<String, Object> release = new LinkedHashMap<>();
        release.put("slug", slug.text("id"));
        if (message != null) {
            release.put("description", message);
        }
        progress("Releasing " + name);
        Node created = api().post("/apps/" + name + "/releases", release);
        done();
        if (json) {
            Output.json(out(), created);
        } else {
            out().println("Released v" + created.integer("version"));
        }
        return 0;
    }

    /** The app of the deployed directory's own .jp, else the usual resolution from here. */
    private String appFor(Path root) {
        Path file = root.resolve(AppOption.FILE);
        if (Files.isRegularFile(file)) {
            AppOption fromDir = new AppOption();
            return fromDir.resolve(new dev.jp.cli.Context(Map.of(), root, out(), err(), false));
        }
        return app.resolve(context());
    }

    private static String size(long bytes) {
        return bytes < 1024 ? bytes + " B" : bytes < 1024 * 1024 ? String.format("%.1f KB", bytes / 1024.0)
                : String.format("%.1f MB", bytes / (1024.0 * 1024));
    }
}
