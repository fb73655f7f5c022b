package dev.jp.api.slugs;

import dev.jp.api.ApiConfig;
import dev.jp.api.http.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Slug tarballs on disk, one file per slug, in {@code jp.blob-dir}. An upload is streamed to a
 * temporary file while its SHA-256 is computed, never held whole in memory, and only a complete,
 * checked upload is moved into place.
 */
@ApplicationScoped
public class BlobStore {

    private final Path directory;
    private final long maxBytes;

    public BlobStore(ApiConfig config) {
        this.directory = config.blobDir();
        this.maxBytes = config.maxSlugBytes();
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the blob directory " + directory, e);
        }
    }

    /** An upload in progress: its temporary file, size and checksum. */
    public record Upload(Path file, long size, String checksum) {
    }

    public Upload receive(InputStream body) {
        Path partial;
        try {
            partial = Files.createTempFile(directory, "upload-", ".partial");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream file = Files.newOutputStream(partial);
             DigestOutputStream out = new DigestOutputStream(file, sha256())) {
            byte[] buffer = new byte[64 * 1024];
            long size = 0;
            int read;
            while ((read = body.read(buffer)) != -1) {
                size += read;
                if (size > maxBytes) {
                    throw ApiException.tooLarge("A slug may be at most " + maxBytes / (1024 * 1024) + " MB.");
                }
                out.write(buffer, 0, read);
            }
            return new Upload(partial, size, "SHA256:" + HexFormat.of().formatHex(out.getMessageDigest().digest()));
        } catch (IOException | RuntimeException e) {
            discard(partial);
            if (e instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw ApiException.badRequest("The upload broke off: " + e.getMessage());
        }
    }

    public void keep(Upload upload, String slugId) {
        try {
            Files.move(upload.file(), pathOf(slugId), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void discard(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // A leftover partial file is harmless; the name says what it is.
        }
    }

    public Path pathOf(String slugId) {
        if (!slugId.matches("[0-9a-f-]{36}")) {
            throw ApiException.notFound("Couldn't find that slug.");
        }
        return directory.resolve(slugId + ".tar.gz");
    }

    public long maxExpandedBytes() {
        return maxBytes * 4;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
