package dev.jp.localstack.kafka;

import dev.jp.localstack.process.ChildProcess;
import dev.jp.localstack.process.ChildSpec;
import dev.jp.localstack.process.FreePort;
import dev.jp.localstack.process.OutputSink;
import dev.jp.localstack.process.PidFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * A real single-node Apache Kafka broker in KRaft mode (broker and controller in one process),
 * run as a child JVM from Maven Central's {@code org.apache.kafka} artifacts and listening on
 * 127.0.0.1 only. Its storage is formatted once, as {@code kafka-storage format --standalone}
 * does, and kept under {@code <data>/kafka} so that a restart keeps the topics.
 */
public final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final ChildProcess process;
    private final Path dataDir;
    private final int port;
    private final int controllerPort;
    private final String heap;
    private final Duration startTime;

    private KafkaBroker(ChildProcess process, Path dataDir, int port, int controllerPort, String heap, Duration startTime) {
        this.process = process;
        this.dataDir = dataDir;
        this.port = port;
        this.controllerPort = controllerPort;
        this.heap = heap;
        this.startTime = startTime;
    }

    /**
     * Starts the broker and returns once an admin client can list its topics.
     *
     * @param dataDir        the stack's data directory; the broker keeps {@code kafka/} in it
     * @param port           the client port, or 0 for a free one
     * @param controllerPort the KRaft controller port, or 0 for a free one
     * @param heap           the broker's maximum heap, e.g. {@code 512m}
     */
    public static KafkaBroker start(Path dataDir, int port, int controllerPort, String heap, OutputSink output) {
        Instant began = Instant.now();
        Path home = dataDir.resolve("kafka");
        Path logDirs = home.resolve("data");
        int clientPort = port == 0 ? FreePort.pick() : port;
        int quorumPort = controllerPort == 0 ? FreePort.pick() : controllerPort;
        Path config = writeServerProperties(home, logDirs, clientPort, quorumPort);
        String classpath = BrokerClasspath.resolve();
        PidFile pidFile = new PidFile(home.resolve("broker.pid"), home.toString());

        if (!Files.exists(logDirs.resolve("meta.properties"))) {
            ChildProcess.runToCompletion(
                    spec("kafka-format", classpath, heap, home, pidFile,
                            "kafka.tools.StorageTool", "format", "--cluster-id=" + newClusterId(), "-c", config.toString(), "--standalone"),
                    output, Duration.ofSeconds(60));
        }
        ChildProcess process = ChildProcess.start(
                spec("kafka", classpath, heap, home, pidFile, "kafka.Kafka", config.toString()), output);
        try {
            awaitReady(process, "127.0.0.1:" + clientPort);
        } catch (RuntimeException e) {
            process.stop(STOP_GRACE);
            throw e;
        }
        return new KafkaBroker(process, dataDir, clientPort, quorumPort, heap, Duration.between(began, Instant.now()));
    }

    /**
     * Starts this broker again after {@link #close()}: the same ports and storage, so clients
     * reconnect to the same address and find their topics and offsets (an outage, for fault tests).
     */
    public KafkaBroker startAgain(OutputSink output) {
        if (process.isAlive()) {
            throw new IllegalStateException("the Kafka broker (pid " + process.pid() + ") is still running");
        }
        return start(dataDir, port, controllerPort, heap, output);
    }

    private static ChildSpec spec(String name, String classpath, String heap, Path home, PidFile pidFile,
                                  String mainClass, String... args) {
        List<String> command = new ArrayList<>(List.of(
                javaExecutable(), "-Xms64m", "-Xmx" + heap, "-XX:+UseSerialGC", "-Djava.awt.headless=true",
                // The data directory on the command line lets a later start recognise a leftover by its pid.
                "-Djp.kafka.home=" + home,
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.showDateTime=false",
                "-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return new ChildSpec(name, command, home, Map.of(), pidFile, null, "TERM");
    }

    static String javaExecutable() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    private static Path writeServerProperties(Path home, Path logDirs, int clientPort, int controllerPort) {
        String listener = "127.0.0.1:" + clientPort;
        String controller = "127.0.0.1:" + controllerPort;
        String properties = """
                # Written by jp's local-stack on every start; edits are overwritten.
                process.roles=broker,controller
                node.id=1
                listeners=PLAINTEXT://%s,CONTROLLER://%s
                advertised.listeners=PLAINTEXT://%s
                controller.listener.names=CONTROLLER
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                controller.quorum.bootstrap.servers=%s
                log.dirs=%s
                num.partitions=1
                offsets.topic.replication.factor=1
                offsets.topic.num.partitions=8
                transaction.state.log.replication.factor=1
                transaction.state.log.min.isr=1
                share.coordinator.state.topic.replication.factor=1
                share.coordinator.state.topic.min.isr=1
                group.initial.rebalance.delay.ms=0
                # Topics are created on purpose, with their policy (see events' Topics).
                auto.create.topics.enable=false
                """.formatted(listener, controller, listener, controller, logDirs);
        try {
            Files.createDirectories(logDirs);
            Path file = home.resolve("server.properties");
            Files.writeString(file, properties);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A KRaft cluster id: 16 random bytes, URL-safe base64 without padding, as Kafka's own Uuid;
     * never starting with '-', which a command line would take for an option (as Kafka's Uuid does).
     */
    static String newClusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static void awaitReady(ChildProcess process, String bootstrapServers) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        // A listening port first: an admin client asked too early fills the log with connection warnings.
        int port = Integer.parseInt(bootstrapServers.substring(bootstrapServers.lastIndexOf(':') + 1));
        while (!FreePort.isListening("127.0.0.1", port)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Kafka broker exited during start-up; see its output above");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("the Kafka broker did not listen within " + READY_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(25).toNanos());
        }
        Properties config = new Properties();
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MS_CONFIG, 20);
        config.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 100);
        try (Admin admin = Admin.create(config)) {
            while (true) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the Kafka broker exited during start-up; see its output above");
                }
                try {
                    admin.listTopics().names().get(3, TimeUnit.SECONDS);
                    return;
                } catch (Exception notYet) {
                    if (Instant.now().isAfter(deadline)) {
                        throw new IllegalStateException("the Kafka broker was not ready within " + READY_TIMEOUT.toSeconds() + " s");
                    }
                    LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
                }
            }
        }
    }

    /** {@code 127.0.0.1:PORT}, the value of {@code bootstrap.servers}. */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    /** From the call to {@link #start} to the broker answering an admin client. */
    public Duration startTime() {
        return startTime;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    @Override
    public void close() {
        process.stop(STOP_GRACE);
    }
}
