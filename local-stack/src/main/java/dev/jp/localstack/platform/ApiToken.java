package dev.jp.localstack.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * The API token of the local stack's default account: made once, kept in {@code <data>/api-token}
 * (mode 0600), handed to platform-api, which stores only its hash.
 */
final class ApiToken {

    private ApiToken() {
    }

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve("api-token");
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file).trim();
            }
            byte[] secret = new byte[24];
            new SecureRandom().nextBytes(secret);
            String token = "jp_" + HexFormat.of().formatHex(secret);
            Files.createDirectories(dataDir);
            Files.writeString(file, token + "\n");
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep the API token in " + file, e);
        }
    }
}
