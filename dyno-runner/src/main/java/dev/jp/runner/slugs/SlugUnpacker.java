package dev.jp.runner.slugs;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Unpacks a slug's tar.gz into an empty directory, refusing anything that could reach outside it
 * or the host: absolute names, {@code ..}, links whose target leaves the root, device files and
 * FIFOs, and more than a size limit of content. Set-uid, set-gid and sticky bits are dropped. A
 * refused slug leaves a half-written directory that the caller deletes.
 */
final class SlugUnpacker {

    /**
     * As platform-api's SlugInspector: past a floor that small slugs never reach, a slug expanding
     * more than this many times its size is a compression bomb, refused long before the size cap,
     * so it cannot fill the disk.
     */
    static final int MAX_EXPANSION_RATIO = 100;
    static final long EXPANSION_RATIO_FLOOR = 64L * 1024 * 1024;

    private final long maxBytes;

    SlugUnpacker(long maxBytes) {
        this.maxBytes = maxBytes;
    }

    void unpack(Path tarball, Path root) throws IOException {
        Files.createDirectories(root);
        Path realRoot = root.toRealPath();
        long allowed = Math.min(maxBytes, Math.max(EXPANSION_RATIO_FLOOR, Files.size(tarball) * MAX_EXPANSION_RATIO));
        long written = 0;
        try (InputStream file = Files.newInputStream(tarball);
             TarArchiveInputStream tar = new TarArchiveInputStream(new GZIPInputStream(file, 64 * 1024))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                String name = entry.getName();
                Path target = inside(realRoot, name);
                if (target.equals(realRoot)) {
                    continue;
                }
                requireParentsInside(realRoot, target.getParent());
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw new SlugRefused("slug refused: " + name + " is a device file or FIFO");
                } else if (entry.isDirectory()) {
                    Files.createDirectories(target);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0700));
                } else if (entry.isSymbolicLink()) {
                    String link = entry.getLinkName();
                    if (link.startsWith("/") || !target.getParent().resolve(link).normalize().startsWith(realRoot)) {
                        throw new SlugRefused("slug refused: link " + name + " -> " + link + " leaves the slug");
                    }
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createSymbolicLink(target, Path.of(link));
                } else if (entry.isLink()) {
                    Path source = inside(realRoot, entry.getLinkName());
                    requireParentsInside(realRoot, source.getParent());
                    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                        throw new SlugRefused("slug refused: hard link " + name + " to a missing file");
                    }
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    Files.createLink(target, source);
                } else if (entry.isFile()) {
                    Files.createDirectories(target.getParent());
                    Files.deleteIfExists(target);
                    try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
                        written += copy(tar, out, allowed - written, name, allowed < maxBytes);
                    }
                    Files.setPosixFilePermissions(target, permissions(entry.getMode() | 0600));
                } else {
                    throw new SlugRefused("slug refused: " + name + " is not a file, directory or link");
                }
            }
        }
    }

    /** The entry's path under the root; refuses absolute names and names that climb out with {@code ..}. */
    private static Path inside(Path root, String name) {
        if (name.startsWith("/") || name.indexOf('\0') >= 0) {
            throw new SlugRefused("slug refused: absolute entry name " + name);
        }
        for (String part : name.split("/")) {
            if (part.equals("..")) {
                throw new SlugRefused("slug refused: entry name with '..': " + name);
            }
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
            throw new SlugRefused("slug refused: entry " + name + " leaves the slug");
        }
        return target;
    }

    /** A symlink unpacked earlier must not make a later entry land outside the root. */
    private static void requireParentsInside(Path root, Path parent) throws IOException {
        Path existing = parent;
        while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
            existing = existing.getParent();
        }
        if (existing == null || !existing.toRealPath().startsWith(root)) {
            throw new SlugRefused("slug refused: an entry under " + parent + " would leave the slug through a link");
        }
    }

    private static long copy(InputStream in, OutputStream out, long allowed, String name, boolean byRatio) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        long total = 0;
        int read;
        while ((read = in.read(buffer)) > 0) {
            total += read;
            if (total > allowed) {
                throw new SlugRefused(byRatio
                        ? "slug refused: it expands more than " + MAX_EXPANSION_RATIO + " times its size (a compression bomb?) at " + name
                        : "slug refused: unpacked size exceeds the limit at " + name);
            }
            out.write(buffer, 0, read);
        }
        return total;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> set = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = {
            PosixFilePermission.OTHERS_EXECUTE, PosixFilePermission.OTHERS_WRITE, PosixFilePermission.OTHERS_READ,
            PosixFilePermission.GROUP_EXECUTE, PosixFilePermission.GROUP_WRITE, PosixFilePermission.GROUP_READ,
            PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OWNER_WRITE, PosixFilePermission.OWNER_READ};
        for (int i = 0; i < bits.length; i++) {
            if ((mode & (1 << i)) != 0) {
                set.add(bits[i]);
            }
        }
        return set;
    }
}
