package dev.jp.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import picocli.CommandLine.Option;

/**
 * {@code -a/--app}, else {@code JP_APP}, else the {@code .jp} file of this directory or the
 * nearest one above it (as Heroku finds its git remote).
 */
public final class AppOption {

    public static final String FILE = ".jp";

    @Option(names = {"-a", "--app"}, paramLabel = "APP", description = "The app (default: $JP_APP, else the .jp file here or above).")
    String app;

    public String resolve(Context context) {
        if (app != null && !app.isBlank()) {
            return app.trim();
        }
        if (context.env("JP_APP") != null) {
            return context.env("JP_APP").trim();
        }
        for (Path dir = context.cwd(); dir != null; dir = dir.getParent()) {
            Path file = dir.resolve(FILE);
            if (Files.isRegularFile(file)) {
                String named = read(file);
                if (named != null) {
                    return named;
                }
            }
        }
        throw CliException.usage("No app specified; use -a APP, set JP_APP, or run jp apps:create in the app's directory");
    }

    /** The explicit {@code -a} value, if any. */
    public String given() {
        return app;
    }

    public static void write(Path dir, String app) throws IOException {
        Files.writeString(dir.resolve(FILE), "# written by jp apps:create; jp commands in this directory use this app\napp=" + app + "\n");
    }

    private static String read(Path file) {
        Properties properties = new Properties();
        try (var reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            return null;
        }
        String app = properties.getProperty("app");
        return app == null || app.isBlank() ? null : app.trim();
    }
}
