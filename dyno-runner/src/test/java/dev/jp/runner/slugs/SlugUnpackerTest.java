package dev.jp.runner.slugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SlugUnpackerTest {

    @TempDir
    Path dir;

    private final SlugUnpacker unpacker = new SlugUnpacker(1_000_000);

    /** A tarball built entry by entry, including the hostile ones a normal archiver would not write. */
    private Path tarball(Entry... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Entry e : entries) {
                TarArchiveEntry entry = e.type == TarConstants.LF_NORMAL
                        ? new TarArchiveEntry(e.name, true)
                        : new TarArchiveEntry(e.name, e.type, true);
                entry.setMode(e.mode);
                if (e.link != null) {
                    entry.setLinkName(e.link);
                }
                byte[] content = e.content == null ? new byte[0] : e.content.getBytes(StandardCharsets.UTF_8);
                if (e.type == TarConstants.LF_NORMAL) {
                    entry.setSize(content.length);
                }
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        }
        Path file = dir.resolve("slug.tgz");
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private record Entry(String name, byte type, int mode, String link, String content) {
        static Entry file(String name, String content, int mode) {
            return new Entry(name, TarConstants.LF_NORMAL, mode, null, content);
        }

        static Entry symlink(String name, String target) {
            return new Entry(name, TarConstants.LF_SYMLINK, 0777, target, null);
        }
    }

    @Test
    void unpacks_files_directories_and_inner_links_keeping_exec_bits_but_not_setuid() throws IOException {
        Path root = dir.resolve("out");
        unpacker.unpack(tarball(
                Entry.file("bin/run.sh", "#!/bin/sh\n", 04755),
                Entry.file("Procfile", "web: bin/run.sh\n", 0644),
                Entry.symlink("bin/start", "run.sh")), root);

        assertThat(root.resolve("Procfile")).hasContent("web: bin/run.sh");
        assertThat(Files.isExecutable(root.resolve("bin/run.sh"))).isTrue();
        assertThat(Files.getAttribute(root.resolve("bin/run.sh"), "unix:mode")).isEqualTo(0755 | 0100000);
        assertThat(Files.readSymbolicLink(root.resolve("bin/start"))).isEqualTo(Path.of("run.sh"));
    }

    @Test
    void refuses_names_that_climb_out() throws IOException {
        Path slug = tarball(Entry.file("../escape", "x", 0644));

        assertThatThrownBy(() -> unpacker.unpack(slug, dir.resolve("out"))).isInstanceOf(SlugRefused.class).hasMessageContaining("..");
        assertThat(dir.resolve("escape")).doesNotExist();
    }

    @Test
    void refuses_absolute_names() throws IOException {
        Path slug = tarball(Entry.file("/tmp/jp-absolute", "x", 0644));

        assertThatThrownBy(() -> unpacker.unpack(slug, dir.resolve("out"))).isInstanceOf(SlugRefused.class);
    }

    @Test
    void refuses_links_out_of_the_slug_and_writing_through_them() throws IOException {
        assertThatThrownBy(() -> unpacker.unpack(tarball(Entry.symlink("etc", "/etc")), dir.resolve("a")))
                .isInstanceOf(SlugRefused.class);
        assertThatThrownBy(() -> unpacker.unpack(tarball(Entry.symlink("up", "../..")), dir.resolve("b")))
                .isInstanceOf(SlugRefused.class);
    }

    @Test
    void refuses_device_files() throws IOException {
        Path slug = tarball(new Entry("null", TarConstants.LF_CHR, 0666, null, null));

        assertThatThrownBy(() -> unpacker.unpack(slug, dir.resolve("out"))).isInstanceOf(SlugRefused.class)
                .hasMessageContaining("device");
    }

    @Test
    void refuses_more_content_than_the_limit() throws IOException {
        Path slug = tarball(Entry.file("big", "x".repeat(600_000), 0644), Entry.file("big2", "y".repeat(600_000), 0644));

        assertThatThrownBy(() -> unpacker.unpack(slug, dir.resolve("out"))).isInstanceOf(SlugRefused.class)
                .hasMessageContaining("size");
    }
}
