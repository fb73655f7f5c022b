package dev.jp.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A database of the test's own on the PostgreSQL server at 127.0.0.1:5432, when there is one.
 * {@code jp up} would otherwise use the shared database {@code jp} there, whose projector offsets
 * belong to another stack's Kafka: a fresh stack's first events would be skipped as applied.
 * Without such a server, {@code jp up} runs a private cluster in its data directory anyway.
 */
final class OwnDatabase implements AutoCloseable {

    private final String user;
    private final String name;

    private OwnDatabase(String user, String name) {
        this.user = user;
        this.name = name;
    }

    static Optional<OwnDatabase> create() {
        String name = "jp_cli_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt());
        for (String user : new String[] {"postgres", System.getProperty("user.name")}) {
            try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", user, null)) {
                admin.createStatement().execute("CREATE DATABASE \"" + name + "\"");
                return Optional.of(new OwnDatabase(user, name));
            } catch (SQLException e) {
                // next user, or no server: jp up then starts its own cluster
            }
        }
        return Optional.empty();
    }

    /** For {@code JP_DATABASE_URL}. */
    String url() {
        return "postgres://" + user + "@127.0.0.1:5432/" + name;
    }

    @Override
    public void close() {
        try (Connection admin = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:5432/postgres", user, null)) {
            admin.createStatement().execute("DROP DATABASE IF EXISTS \"" + name + "\" WITH (FORCE)");
        } catch (SQLException e) {
            // best effort: a leftover jp_cli_* database is harmless and named as such
        }
    }
}
