package dev.jp.reliability.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.jp.bench.BenchPlatform;
import dev.jp.localstack.platform.LocalPlatform;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The one platform of this test run, as {@code jp up} runs it (bench's {@link BenchPlatform}: free
 * ports, a database of its own, the services' {@code target/quarkus-app} jars as processes), started
 * by the first test that asks and stopped when the JVM exits. Every test leaves it as it found it:
 * what a test kills, it starts again.
 */
public final class ReliabilityPlatform {

    private static ReliabilityPlatform shared;

    private final BenchPlatform bench;
    private final Api api;
    private final AtomicInteger apps = new AtomicInteger();

    private ReliabilityPlatform(BenchPlatform bench) {
        this.bench = bench;
        this.api = new Api(bench.platform().apiUrl(), bench.platform().token());
    }

    public static synchronized ReliabilityPlatform get() {
        if (shared == null) {
            Path home = Path.of(System.getProperty("reliability.home", "..")).toAbsolutePath().normalize();
            Path data = home.resolve("reliability/target/platform");
            try {
                shared = new ReliabilityPlatform(BenchPlatform.start(home, data, "jp_reliability"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.err.printf("reliability platform: API %s, log-router %s, up in %d ms; service output in %s%n",
                    shared.local().apiUrl(), shared.local().logRouterUrl(), shared.local().startTime().toMillis(),
                    data.resolve("logs"));
            Runtime.getRuntime().addShutdownHook(new Thread(shared.bench::close, "reliability-platform-stop"));
        }
        return shared;
    }

    public LocalPlatform local() {
        return bench.platform();
    }

    public Api api() {
        return api;
    }

    public String kafka() {
        return local().stack().kafkaBootstrapServers();
    }

    /** A new app (a unique name from the prefix) with one release declaring these process types. */
    public String app(String prefix, Map<String, String> processTypes) {
        String name = prefix + "-" + apps.incrementAndGet() + "-" + Long.toString(System.nanoTime() % 1_000_000, 36);
        api.write("POST", "/apps", Map.of("name", name), 201);
        JsonNode slug = api.write("POST", "/apps/" + name + "/slugs", Map.of("process_types", processTypes), 201);
        try {
            bench.uploadSlug(slug.path("blob").path("url").asText());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        api.write("POST", "/apps/" + name + "/releases", Map.of("slug", slug.path("id").asText()), 201);
        return name;
    }

    /** Scales process types to absolute quantities and returns once the API answered. */
    public void scale(String app, Map<String, Integer> quantities) {
        api.write("PATCH", "/apps/" + app + "/formation", Map.of("updates", quantities.entrySet().stream()
                .map(entry -> Map.of("type", entry.getKey(), "quantity", entry.getValue())).toList()), 200);
    }
}
