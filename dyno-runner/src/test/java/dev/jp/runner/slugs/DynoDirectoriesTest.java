package dev.jp.runner.slugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Copies made ahead: when they are made, and how a removed dyno's unused one serves the next start. */
class DynoDirectoriesTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path work;

    private Path slug;
    private DynoDirectories directories;

    @BeforeEach
    void slug() throws Exception {
        slug = Files.createDirectories(work.resolve("slug"));
        Files.writeString(slug.resolve("Procfile"), "web: ./web\n");
        Files.createDirectories(slug.resolve("bin"));
        Files.writeString(slug.resolve("bin/web"), "#!/bin/sh\n");
        directories = new DynoDirectories(work.resolve("dynos"), Optional.empty(), Optional.empty());
    }

    @AfterEach
    void close() {
        directories.close();
    }

    @Test
    void a_spare_copy_waits_while_starts_are_under_way() throws Exception {
        AtomicInteger forksPending = new AtomicInteger(1);
        directories.deferSparesWhile(forksPending::get);

        CompletableFuture<Path> spare = directories.spareCopyAsync(slug);
        Path fresh = directories.freshCopyAsync(slug, "app", "web.1").get();

        assertThat(fresh.resolve("bin/web")).exists();
        assertThat(spare).as("a fork is still pending").isNotDone();
        forksPending.set(0);
        Path made = spare.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
        assertThat(made.resolve("Procfile")).hasContent("web: ./web\n");
        assertThat(made.getParent().getFileName().toString()).isEqualTo(".spares");
    }

    @Test
    void a_kept_spare_serves_one_later_start_of_the_same_slug_only() throws Exception {
        CompletableFuture<Path> spare = directories.spareCopyAsync(slug);
        directories.keep("SHA256:aaa", spare);
        Path kept = spare.get(WAIT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);

        Path taken = await().atMost(WAIT).until(() -> directories.takeKept("SHA256:aaa"), java.util.Objects::nonNull);
        assertThat(taken).isEqualTo(kept);
        assertThat(directories.takeKept("SHA256:bbb")).as("another slug").isNull();
        assertThat(directories.takeKept("SHA256:aaa")).as("taken once").isNull();

        Path claimed = directories.claim(taken, "app", "web.2");
        assertThat(claimed.resolve("bin/web")).exists();
        assertThat(kept).doesNotExist();
    }
}
