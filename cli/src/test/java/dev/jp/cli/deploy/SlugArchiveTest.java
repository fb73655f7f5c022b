package dev.jp.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packed slug read back by the system's tar, the way any slug consumer would read it. */
class SlugArchiveTest {

    @TempDir
    Path dir;

    @Test
    void packs_files_relative_to_the_root_keeping_modes_and_leaving_out_ignored_ones() throws Exception {
        Files.writeString(dir.resolve("Procfile"), "web: ./run.sh\n");
        Files.writeString(dir.resolve("run.sh"), "#!/bin/sh\necho hi\n");
        Files.setPosixFilePermissions(dir.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Files.writeString(dir.resolve(".slugignore"), "*.log\n");
        Files.writeString(dir.resolve("debug.log"), "noise");
        Files.createDirectories(dir.resolve(".git")).resolve("HEAD").toFile().createNewFile();
        String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/deep.txt";
        Files.createDirectories(dir.resolve(deep).getParent());
        Files.writeString(dir.resolve(deep), "deep");

        SlugArchive.Packed packed = SlugArchive.pack(dir);
        Path tarball = Files.write(dir.resolveSibling(dir.getFileName() + ".tgz"), packed.tarball());

        assertThat(packed.files()).isEqualTo(4);
        assertThat(tar("-tzf", tarball.toString())).containsExactlyInAnyOrder(".slugignore", "Procfile", "run.sh", deep);
        assertThat(String.join("\n", tar("-tvzf", tarball.toString()))).containsPattern("-rwxr-xr-x .* run\\.sh");
        Path out = Files.createDirectories(dir.resolveSibling(dir.getFileName() + "-out"));
        tar("-xzf", tarball.toString(), "-C", out.toString());
        assertThat(out.resolve(deep)).hasContent("deep");
    }

    private static List<String> tar(String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("tar"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        return output.lines().filter(line -> !line.isBlank()).toList();
    }
}
