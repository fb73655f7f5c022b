package dev.jp.localstack;

import dev.jp.localstack.postgres.PostgresServer;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How to start a {@link LocalStack}.
 *
 * @param dataDir        where the broker (and a private PostgreSQL) keep their data: {@code ~/.jp} for {@code jp up}
 * @param kafkaPort      the broker's client port; 0 picks a free one (tests)
 * @param controllerPort the broker's KRaft controller port; 0 picks a free one
 * @param kafkaHeap      the broker's maximum heap, e.g. {@code 512m}
 * @param databaseChoice {@code AUTO} (JP_DATABASE_URL, else 127.0.0.1:5432, else private) or {@code PRIVATE}
 * @param databaseUrl    the value of {@code JP_DATABASE_URL}, or null
 * @param platformDatabase the database the platform's services use on that server ({@code jp})
 */
public record LocalStackConfig(Path dataDir, int kafkaPort, int controllerPort, String kafkaHeap,
                               PostgresServer.Choice databaseChoice, String databaseUrl, String platformDatabase) {

    public LocalStackConfig {
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(kafkaHeap, "kafkaHeap");
        Objects.requireNonNull(databaseChoice, "databaseChoice");
        Objects.requireNonNull(platformDatabase, "platformDatabase");
    }

    /**
     * The stack of {@code jp up}: fixed ports (9092, 9093), overridable by environment. Its database
     * belongs to its data directory ({@code jp} for {@code ~/.jp}, {@code jp_<hash>} for any other),
     * because the projection in it is of that directory's Kafka log and no other.
     */
    public static LocalStackConfig forUp(Path dataDir) {
        return new LocalStackConfig(dataDir,
                Environment.port("JP_KAFKA_PORT", 9092), Environment.port("JP_KAFKA_CONTROLLER_PORT", 9093),
                Environment.string("JP_KAFKA_HEAP", "512m"), PostgresServer.Choice.AUTO, System.getenv("JP_DATABASE_URL"),
                databaseFor(dataDir));
    }

    static String databaseFor(Path dataDir) {
        Path absolute = dataDir.toAbsolutePath().normalize();
        if (absolute.equals(Path.of(System.getProperty("user.home"), ".jp").toAbsolutePath().normalize())) {
            return "jp";
        }
        return "jp_" + java.util.HexFormat.of().toHexDigits(absolute.toString().hashCode());
    }

    /** A throwaway stack for one test JVM: free ports, a small heap. */
    public static LocalStackConfig forTests(Path dataDir) {
        PostgresServer.Choice choice = Boolean.getBoolean("localstack.test.private-postgres")
                ? PostgresServer.Choice.PRIVATE : PostgresServer.Choice.AUTO;
        return new LocalStackConfig(dataDir, 0, 0, "384m", choice, System.getenv("JP_DATABASE_URL"), "jp");
    }
}
