package dev.jp.cli.config;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;

/**
 * Where jp finds the API and its token when {@code JP_API_URL}/{@code JP_API_KEY} are not set:
 * {@code ~/.config/jp/config}, mode 0600, written by {@code jp login} and {@code jp up}; and the
 * certificate of the rendezvous ({@code jp run}) when {@code JP_RENDEZVOUS_CA} is not set (null when unknown).
 */
public record CliConfig(String apiUrl, String token, String rendezvousCa) {

    public CliConfig(String apiUrl, String token) {
        this(apiUrl, token, null);
    }

    public static Path file() {
        return file(System.getenv());
    }

    public static Path file(java.util.Map<String, String> env) {
        String xdg = env.get("XDG_CONFIG_HOME");
        Path base = xdg == null || xdg.isBlank() ? Path.of(System.getProperty("user.home"), ".config") : Path.of(xdg);
        return base.resolve("jp").resolve("config");
    }

    public static Optional<CliConfig> load() {
        return load(System.getenv());
    }

    public static Optional<CliConfig> load(java.util.Map<String, String> env) {
        Path file = file(env);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return Optional.of(new CliConfig(properties.getProperty("api.url"), properties.getProperty("api.token"),
                properties.getProperty("rendezvous.ca")));
    }

    public void save() {
        save(System.getenv());
    }

    public void save(java.util.Map<String, String> env) {
        Path file = file(env);
        Properties properties = new Properties();
        properties.setProperty("api.url", apiUrl);
        properties.setProperty("api.token", token);
        if (rendezvousCa != null) {
            properties.setProperty("rendezvous.ca", rendezvousCa);
        }
        try {
            Files.createDirectories(file.getParent());
            if (!Files.exists(file)) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            }
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            try (Writer writer = Files.newBufferedWriter(file)) {
                properties.store(writer, "jp CLI: the API and the token it uses");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
