package dev.jp.localstack.postgres;

import dev.jp.localstack.process.ChildProcess;
import dev.jp.localstack.process.ChildSpec;
import dev.jp.localstack.process.FreePort;
import dev.jp.localstack.process.OutputSink;
import dev.jp.localstack.process.PidFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * A PostgreSQL cluster of the stack's own, from the machine's PostgreSQL binaries (else those from
 * Maven Central, {@link MavenPostgresBinaries}): initdb once,
 * then {@code postgres} in the foreground on a free port of 127.0.0.1. initdb refuses to run as
 * root, so a root stack runs the cluster as the unprivileged {@code postgres} (or {@code nobody})
 * user, in a directory that user owns.
 */
final class PrivatePostgres {

    private static final String SUPERUSER = "jp";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final ChildProcess process;
    private final Path dataDirectory;
    private final DatabaseUrl adminUrl;

    private PrivatePostgres(ChildProcess process, Path dataDirectory, DatabaseUrl adminUrl) {
        this.process = process;
        this.dataDirectory = dataDirectory;
        this.adminUrl = adminUrl;
    }

    static PrivatePostgres start(Path stackDataDir, OutputSink output) {
        return start(stackDataDir, binaries().or(MavenPostgresBinaries::bin).orElseThrow(() -> new IllegalStateException(
                "no PostgreSQL server is reachable and no PostgreSQL binaries are installed: "
                        + "install PostgreSQL (apt-get install postgresql) or set JP_DATABASE_URL")), output);
    }

    /** A cluster from the given binaries' {@code bin} directory. */
    static PrivatePostgres start(Path stackDataDir, Path bin, OutputSink output) {
        String runAs = isRoot() ? unprivilegedUser() : null;
        Path cluster = clusterDirectory(stackDataDir, runAs);
        Path data = cluster.resolve("data");
        PidFile pidFile = new PidFile(cluster.resolve("postgres.pid"), data.toString());
        if (!Files.exists(data.resolve("PG_VERSION"))) {
            ChildProcess.runToCompletion(new ChildSpec("initdb", List.of(
                    bin.resolve("initdb").toString(), "-D", data.toString(), "-U", SUPERUSER,
                    "--auth=trust", "--encoding=UTF8", "--no-instructions"),
                    cluster, Map.of("LC_ALL", "C.UTF-8"), pidFile, runAs, "TERM"), output, Duration.ofSeconds(120));
        }
        int port = FreePort.pick();
        ChildProcess process = ChildProcess.start(new ChildSpec("postgres", List.of(
                bin.resolve("postgres").toString(), "-D", data.toString(), "-p", Integer.toString(port),
                "-c", "listen_addresses=127.0.0.1", "-c", "unix_socket_directories=" + cluster,
                "-c", "max_connections=200"),
                cluster, Map.of("LC_ALL", "C.UTF-8"), pidFile, runAs, "INT"), output);
        DatabaseUrl admin = new DatabaseUrl("127.0.0.1", port, "postgres", SUPERUSER, null);
        awaitReady(process, admin);
        return new PrivatePostgres(process, data, admin);
    }

    private static void awaitReady(ChildProcess process, DatabaseUrl admin) {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (true) {
            try (Connection ignored = PostgresServer.connect(admin)) {
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("the private PostgreSQL exited during start-up; see its output");
                }
                if (Instant.now().isAfter(deadline)) {
                    process.stop(Duration.ofSeconds(5));
                    throw new IllegalStateException("the private PostgreSQL was not ready within " + READY_TIMEOUT.toSeconds() + " s");
                }
                LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
            }
        }
    }

    /** The newest {@code /usr/lib/postgresql/N/bin} with both initdb and postgres. */
    static Optional<Path> binaries() {
        Path root = Path.of("/usr/lib/postgresql");
        if (!Files.isDirectory(root)) {
            return Optional.empty();
        }
        try (Stream<Path> versions = Files.list(root)) {
            return versions.map(version -> version.resolve("bin"))
                    .filter(bin -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("postgres")))
                    .max(Comparator.comparing(bin -> versionOf(bin.getParent())));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static int versionOf(Path versionDir) {
        try {
            return Integer.parseInt(versionDir.getFileName().toString());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static boolean isRoot() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static String unprivilegedUser() {
        try {
            List<String> passwd = Files.readAllLines(Path.of("/etc/passwd"));
            return passwd.stream().anyMatch(line -> line.startsWith("postgres:")) ? "postgres" : "nobody";
        } catch (IOException e) {
            return "nobody";
        }
    }

    /**
     * Under the stack's data directory, unless the cluster runs as another user: that user could not
     * reach a directory under root's home, so it gets one of its own under the system's temp directory.
     */
    private static Path clusterDirectory(Path stackDataDir, String runAs) {
        try {
            if (runAs == null) {
                Path dir = stackDataDir.resolve("postgres");
                Files.createDirectories(dir);
                return dir;
            }
            String id = Integer.toHexString(stackDataDir.toAbsolutePath().toString().hashCode());
            Path dir = Path.of(System.getProperty("java.io.tmpdir"), "jp-postgres-" + id);
            Files.createDirectories(dir);
            UserPrincipal owner = dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(runAs);
            Files.setOwner(dir, owner);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the private PostgreSQL directory", e);
        }
    }

    DatabaseUrl adminUrl() {
        return adminUrl;
    }

    Path dataDirectory() {
        return dataDirectory;
    }

    /** Fast shutdown (SIGINT): SIGTERM would wait for every client to disconnect first. */
    void stop(Duration grace) {
        try {
            new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor();
        } catch (IOException e) {
            // Fall through to the SIGTERM/SIGKILL of stop().
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.stop(grace);
    }
}
