package dev.jp.localstack;

import dev.jp.localstack.kafka.KafkaBroker;
import dev.jp.localstack.postgres.DatabaseUrl;
import dev.jp.localstack.postgres.PostgresServer;
import dev.jp.localstack.process.OutputSink;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real single-node Kafka broker and a PostgreSQL server, started together for {@code jp up} and
 * for tests. Stopping it stops what it started, in reverse order; an external database is left alone.
 */
public final class LocalStack implements AutoCloseable {

    private final LocalStackConfig config;
    private final OutputSink output;
    /** Replaced by {@link #startKafka()} after {@link #stopKafka()}. */
    private volatile KafkaBroker kafka;
    private final PostgresServer postgres;
    private final Duration startTime;

    private LocalStack(LocalStackConfig config, OutputSink output, KafkaBroker kafka, PostgresServer postgres,
                       Duration startTime) {
        this.config = config;
        this.output = output;
        this.kafka = kafka;
        this.postgres = postgres;
        this.startTime = startTime;
    }

    public static LocalStack start(LocalStackConfig config, OutputSink output) {
        Instant began = Instant.now();
        PostgresServer postgres = PostgresServer.locate(config.databaseChoice(), config.databaseUrl(), config.dataDir(), output);
        try {
            KafkaBroker kafka = KafkaBroker.start(config.dataDir(), config.kafkaPort(), config.controllerPort(),
                    config.kafkaHeap(), output);
            return new LocalStack(config, output, kafka, postgres, Duration.between(began, Instant.now()));
        } catch (RuntimeException e) {
            postgres.close();
            throw e;
        }
    }

    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    public KafkaBroker kafka() {
        return kafka;
    }

    /** Stops the broker (SIGTERM, as an operator would); clients see it gone until {@link #startKafka()}. */
    public synchronized void stopKafka() {
        kafka.close();
    }

    /** Starts the broker stopped by {@link #stopKafka()} on its same ports and storage. */
    public synchronized void startKafka() {
        kafka = kafka.startAgain(output);
    }

    public PostgresServer postgres() {
        return postgres;
    }

    /** The platform's database, created on first use. */
    public DatabaseUrl platformDatabase() {
        return postgres.ensureDatabase(config.platformDatabase());
    }

    public Path dataDir() {
        return config.dataDir();
    }

    public Duration startTime() {
        return startTime;
    }

    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
