package dev.jp.cli.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The commit checked out in a directory's git repository, read from .git directly (no git process to start). */
final class GitHead {

    private GitHead() {
    }

    static String of(Path dir) {
        for (Path d = dir; d != null; d = d.getParent()) {
            Path git = d.resolve(".git");
            if (Files.isDirectory(git)) {
                return read(git);
            }
        }
        return null;
    }

    private static String read(Path git) {
        try {
            String head = Files.readString(git.resolve("HEAD")).strip();
            if (!head.startsWith("ref: ")) {
                return head.matches("[0-9a-f]{40}") ? head : null;
            }
            String ref = head.substring(5);
            Path loose = git.resolve(ref);
            if (Files.isRegularFile(loose)) {
                return Files.readString(loose).strip();
            }
            Path packed = git.resolve("packed-refs");
            if (Files.isRegularFile(packed)) {
                for (String line : Files.readAllLines(packed)) {
                    if (line.endsWith(" " + ref)) {
                        return line.substring(0, line.indexOf(' '));
                    }
                }
            }
            return null;
        } catch (IOException e) {
            return null;
        }
    }
}
