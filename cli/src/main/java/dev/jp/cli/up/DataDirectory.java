package dev.jp.cli.up;

import java.nio.file.Path;

/** Where {@code jp up} keeps the platform's state: {@code --data}, else {@code $JP_DATA}, else {@code ~/.jp}. */
final class DataDirectory {

    private DataDirectory() {
    }

    static Path resolve(Path option) {
        if (option != null) {
            return option.toAbsolutePath();
        }
        String env = System.getenv("JP_DATA");
        return (env == null || env.isBlank() ? Path.of(System.getProperty("user.home"), ".jp") : Path.of(env)).toAbsolutePath();
    }
}
