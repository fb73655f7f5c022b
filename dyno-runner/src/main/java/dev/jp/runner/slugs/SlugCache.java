package dev.jp.runner.slugs;

import dev.jp.events.DesiredDyno;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.jboss.logging.Logger;

/**
 * The host's unpacked slugs, one per checksum: a slug is fetched and unpacked once, however many
 * dynos and releases use it, and never modified afterwards (dynos run in copies). The checksum is
 * verified before anything is unpacked; a mismatch is {@link ChecksumMismatch}, and a later start
 * fetches again.
 */
public final class SlugCache {

    private static final Logger LOG = Logger.getLogger(SlugCache.class);

    private final URI base;
    private final Path dir;
    private final long maxBytes;
    private final Executor io;
    private final HttpClient http;
    private final SlugUnpacker unpacker;
    private final Map<String, CompletableFuture<Path>> slugs = new ConcurrentHashMap<>();

    /**
     * @param base where relative slug URLs point (platform-api)
     * @param dir  the cache directory, shared by the runners of a host
     */
    public SlugCache(URI base, Path dir, long maxBytes, Executor io) {
        this.base = base;
        this.dir = dir;
        this.maxBytes = maxBytes;
        this.io = io;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL).executor(io).build();
        // An unpacked slug may be 4 times its tarball's limit, as platform-api accepts.
        this.unpacker = new SlugUnpacker(maxBytes * 4);
    }

    /** The unpacked slug the dyno runs; fails with {@link SlugRefused} or an I/O error. */
    public CompletableFuture<Path> unpacked(DesiredDyno dyno) {
        String checksum = dyno.slugChecksum();
        String hex;
        try {
            hex = hex(checksum);
        } catch (SlugRefused e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<Path> slug = slugs.computeIfAbsent(hex,
                h -> CompletableFuture.supplyAsync(() -> fetchAndUnpack(dyno.slugUrl(), checksum, h), io));
        // A failed fetch is not cached: the next start tries again.
        slug.whenComplete((path, failure) -> {
            if (failure != null) {
                slugs.remove(hex, slug);
            }
        });
        return slug;
    }

    private Path fetchAndUnpack(String url, String checksum, String hex) {
        Path unpacked = dir.resolve(hex);
        try {
            if (Files.isDirectory(unpacked)) {
                return unpacked; // unpacked by an earlier run of this runner
            }
            Files.createDirectories(dir);
            Path tarball = Files.createTempFile(dir, hex, ".tgz");
            // Another runner sharing the directory may be unpacking the same slug: never share a partial.
            Path partial = Files.createTempDirectory(dir, hex + ".partial-");
            Files.setPosixFilePermissions(partial, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
            try {
                String actual = download(url, tarball);
                if (!actual.equalsIgnoreCase(hex)) {
                    throw new ChecksumMismatch(checksum, "SHA256:" + actual);
                }
                unpacker.unpack(tarball, partial);
                try {
                    Files.move(partial, unpacked, StandardCopyOption.ATOMIC_MOVE);
                    LOG.infof("slug %s unpacked from %s", checksum, url);
                } catch (FileAlreadyExistsException | DirectoryNotEmptyException unpackedMeanwhile) {
                    // Same checksum, same content: the other copy serves as well.
                }
                return unpacked;
            } finally {
                Files.deleteIfExists(tarball);
                Tree.delete(partial);
            }
        } catch (IOException e) {
            throw new CompletionException(new UncheckedIOException("cannot fetch slug from " + url + ": " + e.getMessage(), e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CompletionException(e);
        }
    }

    /** Streams the tarball to a file, refusing more than the size limit; returns its SHA-256 in hex. */
    private String download(String url, Path tarball) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(base.resolve(url))
                .timeout(Duration.ofMinutes(5)).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body(); OutputStream out = Files.newOutputStream(tarball)) {
            if (response.statusCode() != 200) {
                throw new IOException("HTTP " + response.statusCode());
            }
            MessageDigest sha256 = sha256();
            byte[] buffer = new byte[64 * 1024];
            long total = 0;
            int read;
            while ((read = body.read(buffer)) > 0) {
                total += read;
                if (total > maxBytes) {
                    throw new SlugRefused("slug refused: tarball larger than " + maxBytes + " bytes");
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
            return HexFormat.of().formatHex(sha256.digest());
        }
    }

    private static String hex(String checksum) {
        String prefix = "SHA256:";
        if (checksum.length() != prefix.length() + 64 || !checksum.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new SlugRefused("slug refused: checksum is not SHA256:<hex>: " + checksum);
        }
        String hex = checksum.substring(prefix.length()).toLowerCase(Locale.ROOT);
        if (!hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new SlugRefused("slug refused: checksum is not SHA256:<hex>: " + checksum);
        }
        return hex;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
