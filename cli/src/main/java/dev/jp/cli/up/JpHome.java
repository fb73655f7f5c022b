package dev.jp.cli.up;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The jp checkout whose modules {@code jp up} runs: {@code -Djp.home} (set by {@code ./jp}), else
 * found from where this class was loaded ({@code <home>/cli/target/jp.jar} or {@code .../classes}).
 */
final class JpHome {

    private JpHome() {
    }

    static Path locate() {
        String configured = System.getProperty("jp.home");
        if (configured != null) {
            return Path.of(configured);
        }
        try {
            Path location = Path.of(JpHome.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path home = location.getParent().getParent().getParent();
            if (Files.isRegularFile(home.resolve("pom.xml")) && Files.isDirectory(home.resolve("platform-api"))) {
                return home;
            }
        } catch (URISyntaxException | NullPointerException e) {
            // Fall through to the error below.
        }
        throw new IllegalStateException("cannot find the jp checkout: run jp up through ./jp in it, or set -Djp.home");
    }
}
