package dev.jp.localstack.postgres;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.jp.localstack.process.OutputSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrivatePostgresTest {

    @Test
    void runs_a_private_cluster_when_asked_and_stops_it(@TempDir Path dataDir) throws Exception {
        assumeTrue(PrivatePostgres.binaries().isPresent(), "no PostgreSQL binaries on this machine");

        DatabaseUrl database;
        try (PostgresServer server = PostgresServer.locate(PostgresServer.Choice.PRIVATE, null, dataDir, OutputSink.DISCARD)) {
            assertThat(server.origin()).startsWith("a private cluster");
            database = server.ensureDatabase("jp");
            try (Connection connection = PostgresServer.connect(database);
                 ResultSet result = connection.createStatement().executeQuery("SELECT current_database()")) {
                result.next();
                assertThat(result.getString(1)).isEqualTo("jp");
            }
        }

        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PostgresServer.connect(database).close()))
                .as("the private cluster is gone after close")
                .isNotNull();
    }

    @Test
    void runs_a_cluster_from_the_binaries_on_maven_central_when_the_machine_has_none(@TempDir Path dataDir) throws Exception {
        Path bin = MavenPostgresBinaries.bin().orElse(null);
        assumeTrue(bin != null, "the Maven Central binaries serve Linux on x86_64 only");

        PrivatePostgres cluster = PrivatePostgres.start(dataDir, bin, OutputSink.DISCARD);
        try (Connection connection = PostgresServer.connect(cluster.adminUrl());
             ResultSet result = connection.createStatement().executeQuery("SHOW server_version")) {
            result.next();
            assertThat(result.getString(1)).startsWith("17.");
        } finally {
            cluster.stop(java.time.Duration.ofSeconds(20));
        }
    }
}
