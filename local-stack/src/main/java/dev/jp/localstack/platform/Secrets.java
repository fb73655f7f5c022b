package dev.jp.localstack.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The local platform's secrets, made once and kept in the data directory (mode 0600): the default
 * account's API token (platform-api stores only its hash) and the key that signs log-session URLs.
 */
final class Secrets {

    private Secrets() {
    }

    static String loadOrCreate(Path file, String prefix) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String value = prefix + HexFormat.of().formatHex(secret);
            Files.createDirectories(file.getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(file, value + "\n");
            return value;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a secret in " + file, e);
        }
    }
}
