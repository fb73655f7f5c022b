package dev.jp.api.slugs;

import dev.jp.api.http.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Checks a slug tarball before it is accepted, so that unpacking it on a runner can never write
 * outside the dyno's directory: no absolute paths, no {@code ..}, no links whose target escapes
 * the root, no device files or FIFOs, a bounded expanded size (a gzip bomb stops at the cap) and
 * entry count. Returns the Procfile's text, if the slug has one at its root.
 */
public final class SlugInspector {

    private static final int MAX_ENTRIES = 200_000;
    private static final int MAX_PROCFILE_BYTES = 1024 * 1024;
    /**
     * Code compresses 3 to 10 times; deflate's worst case is about 1,000. Beyond this ratio (past a
     * floor that small slugs never reach) a slug is a compression bomb, refused long before the cap.
     */
    static final int MAX_EXPANSION_RATIO = 100;
    static final long EXPANSION_RATIO_FLOOR = 64L * 1024 * 1024;

    private SlugInspector() {
    }

    public static Optional<String> inspect(Path tarball, long maxBytes) {
        try (InputStream file = Files.newInputStream(tarball);
             GzipCompressorInputStream gzip = new GzipCompressorInputStream(file);
             TarArchiveInputStream tar = new TarArchiveInputStream(gzip)) {
            long expanded = 0;
            int entries = 0;
            Set<String> seen = new HashSet<>();
            String procfile = null;
            long compressed = Files.size(tarball);
            long maxExpandedBytes = Math.min(maxBytes, Math.max(EXPANSION_RATIO_FLOOR, compressed * MAX_EXPANSION_RATIO));
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                if (++entries > MAX_ENTRIES) {
                    throw ApiException.invalid("The slug has more than " + MAX_ENTRIES + " entries.");
                }
                String name = normalise(entry.getName());
                if (entry.isCharacterDevice() || entry.isBlockDevice() || entry.isFIFO()) {
                    throw ApiException.invalid("The slug contains a device file or FIFO: " + entry.getName());
                }
                if (entry.isSymbolicLink()) {
                    checkInside(parentOf(name) + entry.getLinkName(), entry, entry.getLinkName().startsWith("/"));
                } else if (entry.isLink()) {
                    String target = normalise(entry.getLinkName());
                    if (!seen.contains(target)) {
                        throw ApiException.invalid("The slug has a hard link to something outside it: " + entry.getName());
                    }
                } else if (!entry.isDirectory() && !entry.isFile()) {
                    throw ApiException.invalid("The slug contains an entry of an unsupported kind: " + entry.getName());
                }
                seen.add(name);
                if (entry.isFile()) {
                    boolean isProcfile = name.equals("Procfile") || name.equals("app/Procfile");
                    byte[] buffer = new byte[64 * 1024];
                    java.io.ByteArrayOutputStream content = isProcfile ? new java.io.ByteArrayOutputStream() : null;
                    int read;
                    while ((read = tar.read(buffer)) != -1) {
                        expanded += read;
                        if (expanded > maxExpandedBytes) {
                            throw tooLarge(maxExpandedBytes, maxBytes);
                        }
                        if (content != null && content.size() < MAX_PROCFILE_BYTES) {
                            content.write(buffer, 0, read);
                        }
                    }
                    if (content != null && (procfile == null || name.equals("Procfile"))) {
                        if (content.size() >= MAX_PROCFILE_BYTES) {
                            throw ApiException.invalid("The Procfile is larger than 1 MB.");
                        }
                        procfile = utf8(content.toByteArray());
                    }
                }
            }
            if (entries == 0) {
                throw ApiException.invalid("The slug is an empty archive.");
            }
            // Read to the end of the gzip stream, so a truncated archive fails its length and CRC check
            // even when the tar reader stopped at an end-of-archive block.
            byte[] rest = new byte[64 * 1024];
            int read;
            while ((read = gzip.read(rest)) != -1) {
                expanded += read;
                if (expanded > maxExpandedBytes) {
                    throw tooLarge(maxExpandedBytes, maxBytes);
                }
            }
            return Optional.ofNullable(procfile);
        } catch (IOException e) {
            throw ApiException.invalid("The slug is not a valid tar.gz archive (" + e.getMessage() + ").");
        }
    }

    private static ApiException tooLarge(long cap, long maxBytes) {
        return ApiException.tooLarge(cap < maxBytes
                ? "The slug expands more than " + MAX_EXPANSION_RATIO + " times its size: it looks like a compression bomb."
                : "The slug expands to more than " + maxBytes / (1024 * 1024) + " MB.");
    }

    /** A Procfile that is not UTF-8 would run commands other than the ones its author wrote. */
    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw ApiException.invalid("The Procfile is not UTF-8 text.");
        }
    }

    /** The entry's path relative to the root, without {@code ./}; refused if absolute or climbing out. */
    private static String normalise(String raw) {
        if (raw.startsWith("/")) {
            throw ApiException.invalid("The slug contains an absolute path: " + raw);
        }
        String path = raw;
        while (path.startsWith("./")) {
            path = path.substring(2);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw ApiException.invalid("The slug contains a path that climbs out of it: " + raw);
            }
        }
        return path;
    }

    private static void checkInside(String target, TarArchiveEntry entry, boolean absolute) {
        int depth = 0;
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            depth += part.equals("..") ? -1 : 1;
            if (depth < 0) {
                break;
            }
        }
        if (absolute || depth < 0) {
            throw ApiException.invalid("The slug has a link pointing outside it: " + entry.getName() + " -> " + entry.getLinkName());
        }
    }

    private static String parentOf(String name) {
        int slash = name.lastIndexOf('/');
        return slash < 0 ? "" : name.substring(0, slash + 1);
    }

    static Map<String, String> processTypesOf(Optional<String> procfile) {
        return Procfile.parse(procfile.orElseThrow(() -> ApiException.invalid(
                "The slug has no Procfile at its root and no process_types were given.")));
    }
}
