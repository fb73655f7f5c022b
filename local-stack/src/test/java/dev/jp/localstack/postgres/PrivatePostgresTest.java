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
}
