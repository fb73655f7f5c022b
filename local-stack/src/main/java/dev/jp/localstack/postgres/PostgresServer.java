package dev.jp.localstack.postgres;

import dev.jp.localstack.process.OutputSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The PostgreSQL server the platform uses, chosen in this order: {@code JP_DATABASE_URL} if set;
 * else a server answering on 127.0.0.1:5432; else a private cluster that this stack runs itself.
 */
public final class PostgresServer implements AutoCloseable {

    /** How a stack picks its server; tests and {@code jp up} take {@link #AUTO}. */
    public enum Choice { AUTO, PRIVATE }

    private static final String[] LOCAL_USERS = {"postgres", System.getProperty("user.name")};

    private final DatabaseUrl admin;
    private final String origin;
    private final boolean externalDatabase;
    private final PrivatePostgres privateCluster;

    private PostgresServer(DatabaseUrl admin, String origin, boolean externalDatabase, PrivatePostgres privateCluster) {
        this.admin = admin;
        this.origin = origin;
        this.externalDatabase = externalDatabase;
        this.privateCluster = privateCluster;
    }

    public static PostgresServer locate(Choice choice, String configuredUrl, Path dataDir, OutputSink output) {
        if (choice == Choice.AUTO && configuredUrl != null && !configuredUrl.isBlank()) {
            DatabaseUrl url = DatabaseUrl.parse(configuredUrl);
            checkConnects(url);
            return new PostgresServer(url, "JP_DATABASE_URL (" + url + ")", true, null);
        }
        if (choice == Choice.AUTO) {
            Optional<DatabaseUrl> local = localServer();
            if (local.isPresent()) {
                return new PostgresServer(local.get(), "the server on 127.0.0.1:5432", false, null);
            }
        }
        PrivatePostgres cluster = PrivatePostgres.start(dataDir, output);
        return new PostgresServer(cluster.adminUrl(), "a private cluster in " + cluster.dataDirectory()
                + " (port " + cluster.adminUrl().port() + ")", false, cluster);
    }

    private static Optional<DatabaseUrl> localServer() {
        for (String user : LOCAL_USERS) {
            DatabaseUrl candidate = new DatabaseUrl("127.0.0.1", 5432, "postgres", user, null);
            try (Connection ignored = connect(candidate)) {
                return Optional.of(candidate);
            } catch (SQLException refusedOrAbsent) {
                // Try the next user, then fall back to a private cluster.
            }
        }
        return Optional.empty();
    }

    private static void checkConnects(DatabaseUrl url) {
        try (Connection ignored = connect(url)) {
            // Reachable and the credentials work.
        } catch (SQLException e) {
            throw new IllegalStateException("cannot connect to JP_DATABASE_URL " + url + ": " + e.getMessage(), e);
        }
    }

    static Connection connect(DatabaseUrl url) throws SQLException {
        Properties properties = new Properties();
        properties.setProperty("user", url.user());
        if (url.password() != null) {
            properties.setProperty("password", url.password());
        }
        properties.setProperty("connectTimeout", "2");
        properties.setProperty("loginTimeout", "3");
        return DriverManager.getConnection(url.jdbcUrl(), properties);
    }

    /** Says which server is used, for {@code jp up}'s banner and the test log. */
    public String origin() {
        return origin;
    }

    /**
     * The platform's database, created if it does not exist yet. With {@code JP_DATABASE_URL} the
     * configured database is used as it is.
     */
    public DatabaseUrl ensureDatabase(String name) {
        if (!name.matches("[a-z][a-z0-9_]{0,62}")) {
            throw new IllegalArgumentException("not a database name jp makes: " + name);
        }
        if (externalDatabase) {
            return admin;
        }
        try (Connection connection = connect(admin); Statement statement = connection.createStatement()) {
            var exists = statement.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                statement.execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name + " on " + origin + ": " + e.getMessage(), e);
        }
        return admin.withDatabase(name);
    }

    /** A new, empty database with a unique name, for one test run. */
    public DatabaseUrl freshDatabase(String prefix) {
        if (externalDatabase) {
            return admin;
        }
        String name = (prefix + "_" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()))
                .toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
        return ensureDatabase(name);
    }

    /** Drops a database made by {@link #freshDatabase}; its open connections are cut first. */
    public void dropDatabase(DatabaseUrl database) {
        if (externalDatabase) {
            return;
        }
        try (Connection connection = connect(admin); Statement statement = connection.createStatement()) {
            statement.execute("DROP DATABASE IF EXISTS \"" + database.database() + "\" WITH (FORCE)");
        } catch (SQLException e) {
            // Best effort: a leftover test database is harmless and named as such.
        }
    }

    @Override
    public void close() {
        if (privateCluster != null) {
            privateCluster.stop(Duration.ofSeconds(20));
        }
    }
}
