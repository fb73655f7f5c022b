package dev.jp.runner.slugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jp.localstack.testing.GzipBomb;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A slug that expands to gigabytes is refused early, having written a bounded amount to disk. */
class SlugBombTest {

    @TempDir
    Path dir;

    @Test
    void refuses_a_gzip_bomb_long_before_the_size_cap_without_filling_the_disk() throws IOException {
        Path bomb = dir.resolve("bomb.tgz");
        Files.write(bomb, GzipBomb.slug(1024L * 1024 * 1024));
        assertThat(Files.size(bomb)).as("a small file").isLessThan(2 * 1024 * 1024);
        Path root = dir.resolve("out");

        assertThatThrownBy(() -> new SlugUnpacker(2_000_000_000L).unpack(bomb, root))
                .isInstanceOf(SlugRefused.class).hasMessageContaining("compression bomb");

        assertThat(sizeOf(root)).as("bytes written before the refusal")
                .isLessThanOrEqualTo(Math.max(SlugUnpacker.EXPANSION_RATIO_FLOOR, Files.size(bomb) * SlugUnpacker.MAX_EXPANSION_RATIO));
    }

    @Test
    void still_unpacks_a_slug_that_compresses_well_below_the_floor() throws IOException {
        Path slug = dir.resolve("zeros.tgz");
        Files.write(slug, GzipBomb.slug(32L * 1024 * 1024));
        Path root = dir.resolve("out");

        new SlugUnpacker(2_000_000_000L).unpack(slug, root);

        assertThat(Files.size(root.resolve("zeros"))).isEqualTo(32L * 1024 * 1024);
        assertThat(root.resolve("Procfile")).hasContent("web: ./web");
    }

    private static long sizeOf(Path root) throws IOException {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(f -> f.toFile().length()).sum();
        }
    }
}
