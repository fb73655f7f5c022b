package dev.jp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.localstack.LocalStackConfig;
import dev.jp.localstack.platform.LocalPlatform;
import dev.jp.localstack.platform.PlatformPorts;
import dev.jp.localstack.postgres.PostgresServer;
import dev.jp.localstack.process.LogFileSink;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;

/**
 * The whole platform, started for the bench on free ports in {@code bench/target/bench-stack}
 * (the reliability tests start theirs in their own directory).
 */
public final class BenchPlatform implements AutoCloseable {

    private final Path home;
    private final LocalPlatform platform;
    private final BenchHttp api;

    private BenchPlatform(Path home, LocalPlatform platform) {
        this.home = home;
        this.platform = platform;
        this.api = new BenchHttp(platform.apiUrl(), platform.token());
    }

    static BenchPlatform start(Path home) throws IOException {
        return start(home, home.resolve("bench/target/bench-stack"), "jp_bench");
    }

    /**
     * @param data           wiped, then the stack's data directory
     * @param databasePrefix its own database is {@code <prefix>_<millis>}, dropped by {@link #close()}
     */
    public static BenchPlatform start(Path home, Path data, String databasePrefix) throws IOException {
        if (Files.exists(data)) {
            try (Stream<Path> old = Files.walk(data)) {
                old.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
        Files.createDirectories(data);
        // A database of its own per run (dropped at the end), never jp up's.
        String database = databasePrefix + "_" + System.currentTimeMillis();
        LocalStackConfig stack = new LocalStackConfig(data, 0, 0, "512m", PostgresServer.Choice.AUTO,
                System.getenv("JP_DATABASE_URL"), database);
        LocalPlatform platform = LocalPlatform.start(home, data, PlatformPorts.free(), stack, new LogFileSink(data.resolve("logs")));
        return new BenchPlatform(home, platform);
    }

    /** The platform itself, for what the bench does not wrap: pids, kills, restarts. */
    public LocalPlatform platform() {
        return platform;
    }

    BenchHttp api() {
        return api;
    }

    /** The jp checkout, whose {@code ./jp} the bench runs as a user would. */
    Path home() {
        return home;
    }

    String apiUrl() {
        return platform.apiUrl();
    }

    String token() {
        return platform.token();
    }

    /** The pid of each service process (kafka, router.1, api.1, runner.1). */
    Map<String, Long> pids() {
        return platform.pids();
    }

    String logRouterUrl() {
        return platform.logRouterUrl();
    }

    String kafka() {
        return platform.stack().kafkaBootstrapServers();
    }

    /** A new app with one release of a trivial slug declaring these process types. */
    public String appWithRelease(String name, Map<String, String> processTypes) throws IOException {
        api.call("POST", "/apps", Map.of("name", name), 201);
        JsonNode slug = api.call("POST", "/apps/" + name + "/slugs", Map.of("process_types", processTypes), 201);
        uploadSlug(slug.path("blob").path("url").asText());
        api.call("POST", "/apps/" + name + "/releases", Map.of("slug", slug.path("id").asText()), 201);
        return name;
    }

    /** PUTs the trivial slug to a slug's {@code blob.url}. */
    public void uploadSlug(String blobUrl) throws IOException {
        api.call("PUT", blobUrl, tarball(), 200);
    }

    /** A one-file tar.gz, written by hand: the bench needs no archive library for it. */
    private static byte[] tarball() throws IOException {
        byte[] content = "bench\n".getBytes(StandardCharsets.UTF_8);
        byte[] header = new byte[512];
        put(header, 0, "README");
        put(header, 100, "0000644");
        put(header, 108, "0000000");
        put(header, 116, "0000000");
        put(header, 124, String.format("%011o", content.length));
        put(header, 136, String.format("%011o", 0));
        header[156] = '0';
        put(header, 257, "ustar");
        put(header, 263, "00");
        for (int i = 148; i < 156; i++) {
            header[i] = ' ';
        }
        int sum = 0;
        for (byte b : header) {
            sum += b & 0xff;
        }
        put(header, 148, String.format("%06o", sum));
        header[154] = 0;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(header);
            gzip.write(content);
            gzip.write(new byte[512 - content.length + 1024]);
        }
        return bytes.toByteArray();
    }

    private static void put(byte[] header, int offset, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(bytes, 0, header, offset, bytes.length);
    }

    @Override
    public void close() {
        platform.close();
        platform.stack().postgres().dropDatabase(platform.database());
    }
}
