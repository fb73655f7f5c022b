package dev.jp.localstack.testing;

import dev.jp.localstack.LocalStack;
import dev.jp.localstack.LocalStackConfig;
import dev.jp.localstack.postgres.DatabaseUrl;
import dev.jp.localstack.process.LogFileSink;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The one local stack of a test JVM: started by the first test that asks, shared by every test
 * class after it, stopped when the JVM exits. Each test JVM (one per module run) also gets one
 * fresh database of its own.
 *
 * <p>The stack lives in {@code target/jp-test-stack} of the module ({@code localstack.test.data}), wiped
 * at start; the children's output goes to {@code logs/*.log} there, to read after a failure.
 */
public final class TestStack {

    private static LocalStack stack;
    private static DatabaseUrl database;

    private TestStack() {
    }

    public static synchronized LocalStack get() {
        if (stack == null) {
            Path dataDir = dataDir();
            LogFileSink logs = new LogFileSink(dataDir.resolve("logs"));
            stack = LocalStack.start(LocalStackConfig.forTests(dataDir), logs);
            System.err.printf("jp test stack: Kafka %s ready in %d ms (pid %d); PostgreSQL: %s; logs in %s%n",
                    stack.kafkaBootstrapServers(), stack.kafka().startTime().toMillis(), stack.kafka().pid(),
                    stack.postgres().origin(), dataDir.resolve("logs"));
            Runtime.getRuntime().addShutdownHook(new Thread(TestStack::stop, "jp-test-stack-stop"));
        }
        return stack;
    }

    /** This test JVM's own empty database, created on first use and dropped at exit. */
    public static synchronized DatabaseUrl database() {
        if (database == null) {
            String module = System.getProperty("localstack.test.module", "jp");
            database = get().postgres().freshDatabase("jp_test_" + module);
        }
        return database;
    }

    private static synchronized void stop() {
        if (stack != null) {
            if (database != null) {
                stack.postgres().dropDatabase(database);
            }
            stack.close();
        }
    }

    private static Path dataDir() {
        try {
            String configured = System.getProperty("localstack.test.data");
            if (configured == null) {
                return Files.createTempDirectory("jp-test-stack");
            }
            Path dir = Path.of(configured);
            if (Files.exists(dir)) {
                try (Stream<Path> old = Files.walk(dir)) {
                    old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
