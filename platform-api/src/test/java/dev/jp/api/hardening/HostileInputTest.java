package dev.jp.api.hardening;

import static dev.jp.api.Api.api;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.localstack.testing.GzipBomb;
import dev.jp.api.Api;
import dev.jp.api.Slugs;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Hostile input from outside: every case is a 4xx in Heroku's shape ({@code {"id","message"}}),
 * appends nothing to {@code platform.events} (its end offsets do not move, the app's history stays
 * {@code app.created.v1}), and leaves nothing in the blob directory.
 */
@QuarkusTest
class HostileInputTest {

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    @ConfigProperty(name = "jp.blob-dir")
    Path blobDir;

    @Test
    void refuses_hostile_procfiles() throws IOException {
        String app = Api.newApp();
        Map<String, byte[]> procfiles = new LinkedHashMap<>();
        procfiles.put("empty", new byte[0]);
        procfiles.put("only comments and blank lines", "# nothing\n\n   \n".getBytes(StandardCharsets.UTF_8));
        procfiles.put("binary with NUL", new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        procfiles.put("not UTF-8", "web: ./run \u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
        procfiles.put("duplicate type", "web: a\nworker: b\nweb: c\n".getBytes(StandardCharsets.UTF_8));
        for (String name : List.of("Web", "web server", "-web", "1web", "w\u00e9b", "run", "a".repeat(31), "web.1")) {
            procfiles.put("type '" + name + "'", (name + ": ./run\n").getBytes(StandardCharsets.UTF_8));
        }
        procfiles.put("no colon", "web ./run\n".getBytes(StandardCharsets.UTF_8));
        procfiles.put("no command", "web:\n".getBytes(StandardCharsets.UTF_8));
        procfiles.put("a 1 MB line", ("web: " + "x".repeat(1024 * 1024) + "\n").getBytes(StandardCharsets.UTF_8));
        procfiles.put("a 1 MB comment", ("#" + "x".repeat(1024 * 1024) + "\nweb: ./run\n").getBytes(StandardCharsets.UTF_8));
        procfiles.put("a 5000-character command", ("web: " + "x".repeat(5000) + "\n").getBytes(StandardCharsets.UTF_8));

        long end = PlatformEventsEnd.of(bootstrapServers);
        procfiles.forEach((what, procfile) -> {
            Response response = Api.upload(app, slugWithProcfile(procfile));
            assertRefused(response, 422, what);
        });
        assertNothingAppended(app, end);
    }

    @Test
    void reads_procfiles_with_crlf_cr_and_a_bom() {
        String app = Api.newApp();
        for (String procfile : List.of("web: ./web\r\nworker: ./work\r\n", "\uFEFFweb: ./web\nworker: ./work", "web: ./web\rworker: ./work\r")) {
            Api.upload(app, slugWithProcfile(procfile.getBytes(StandardCharsets.UTF_8))).then().statusCode(200);
            String slug = api().get("/apps/" + app + "/events?type=slug.created.v1").then().extract().path("[-1].event.slugId");
            api().get("/apps/" + app + "/slugs/" + slug).then().statusCode(200);
            Map<String, String> types = api().get("/apps/" + app + "/slugs/" + slug).then().extract().path("process_types");
            assertThat(types).as(procfile).containsExactly(Map.entry("web", "./web"), Map.entry("worker", "./work"));
        }
    }

    @Test
    void refuses_hostile_slug_tarballs() throws IOException {
        String app = Api.newApp();
        byte[] good = Slugs.of(Map.of("Procfile", "web: ./web\n", "app/data", "y".repeat(50_000)));
        Map<String, Supplier<byte[]>> slugs = new LinkedHashMap<>();
        slugs.put("../ entry", () -> Slugs.of(Map.of("Procfile", "web: x", "../escape", "x")));
        slugs.put("nested ../ entry", () -> Slugs.of(Map.of("Procfile", "web: x", "app/../../escape", "x")));
        slugs.put("absolute path", () -> Slugs.of(Map.of("Procfile", "web: x", "/tmp/escape", "x")));
        slugs.put("symlink up and out", () -> withProcfile(link("out", TarArchiveEntry.LF_SYMLINK, "../../etc/passwd")));
        slugs.put("symlink to an absolute path", () -> withProcfile(link("out", TarArchiveEntry.LF_SYMLINK, "/etc/passwd")));
        slugs.put("symlink deep then up", () -> withProcfile(link("a/b/out", TarArchiveEntry.LF_SYMLINK, "../../../x")));
        slugs.put("hardlink to an absolute path", () -> withProcfile(link("hard", TarArchiveEntry.LF_LINK, "/etc/shadow")));
        slugs.put("hardlink climbing out", () -> withProcfile(link("hard", TarArchiveEntry.LF_LINK, "../etc/shadow")));
        slugs.put("hardlink to nothing in the slug", () -> withProcfile(link("hard", TarArchiveEntry.LF_LINK, "missing")));
        slugs.put("character device", () -> withProcfile(special("dev", TarArchiveEntry.LF_CHR)));
        slugs.put("block device", () -> withProcfile(special("disk", TarArchiveEntry.LF_BLK)));
        slugs.put("FIFO", () -> withProcfile(special("pipe", TarArchiveEntry.LF_FIFO)));
        slugs.put("truncated in the middle", () -> Arrays.copyOf(good, good.length / 2));
        slugs.put("truncated in the gzip trailer", () -> Arrays.copyOf(good, good.length - 3));
        slugs.put("not gzip", () -> "plain text".getBytes(StandardCharsets.UTF_8));
        slugs.put("gzip of no tar", () -> gzip("not a tar archive".getBytes(StandardCharsets.UTF_8)));
        slugs.put("empty gzip", () -> gzip(new byte[0]));

        long end = PlatformEventsEnd.of(bootstrapServers);
        slugs.forEach((what, slug) -> assertRefused(Api.upload(app, slug.get()), 422, what));
        assertNothingAppended(app, end);
    }

    @Test
    void refuses_a_gzip_bomb_by_its_expansion_with_a_clear_message() throws IOException {
        String app = Api.newApp();
        byte[] bomb = GzipBomb.slug(3L * 1024 * 1024 * 1024);
        assertThat(bomb.length).as("a small file").isLessThan(4 * 1024 * 1024);

        long end = PlatformEventsEnd.of(bootstrapServers);
        Response response = Api.upload(app, bomb);

        assertRefused(response, 413, "gzip bomb");
        assertThat(response.jsonPath().getString("message")).contains("expands");
        assertNothingAppended(app, end);
    }

    @Test
    void refuses_bad_config_vars() throws IOException {
        String app = Api.newApp();
        Map<String, Object> huge = new LinkedHashMap<>();
        for (int i = 0; i < 2000; i++) {
            huge.put("KEY_" + i, "v".repeat(20));
        }
        List<Object> bodies = List.of(
                Map.of("BAD-KEY", "x"), Map.of("", "x"), Map.of("A B", "x"), Map.of("K\u00c4", "x"), Map.of("K=V", "x"),
                Map.of("K\u0000", "x"), Map.of("K", "x".repeat(33 * 1024)), huge,
                Map.of("K", Map.of("nested", "x")), Map.of("K", List.of("x")), Map.of());

        long end = PlatformEventsEnd.of(bootstrapServers);
        for (Object body : bodies) {
            Response response = api().body(body).patch("/apps/" + app + "/config-vars");
            assertRefused(response, 422, String.valueOf(body).substring(0, Math.min(60, String.valueOf(body).length())));
        }
        assertRefused(api().body("{\"K\": ").patch("/apps/" + app + "/config-vars"), 400, "broken JSON");
        assertRefused(api().body(List.of("K", "x")).patch("/apps/" + app + "/config-vars"), 400, "a list");
        assertRefused(api().body("\"K=x\"").patch("/apps/" + app + "/config-vars"), 400, "a string");
        api().get("/apps/" + app + "/config-vars").then().statusCode(200).body("size()", org.hamcrest.Matchers.equalTo(0));
        assertNothingAppended(app, end);
    }

    @Test
    void refuses_a_json_body_without_a_content_length_before_reading_it() throws IOException {
        String app = Api.newApp();
        long end = PlatformEventsEnd.of(bootstrapServers);
        URI uri = URI.create(io.restassured.RestAssured.baseURI + ":" + io.restassured.RestAssured.port + "/apps/" + app + "/config-vars");
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setRequestProperty("X-HTTP-Method-Override", "PATCH");
        connection.setRequestProperty("Authorization", "Bearer " + Api.TOKEN);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setChunkedStreamingMode(16 * 1024);
        connection.setDoOutput(true);
        try (OutputStream out = connection.getOutputStream()) {
            out.write("{\"K\": \"".getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = "x".repeat(64 * 1024).getBytes(StandardCharsets.US_ASCII);
            for (int i = 0; i < 3 * 16; i++) {
                out.write(chunk);
            }
            out.write("\"}".getBytes(StandardCharsets.US_ASCII));
        } catch (IOException refusedWhileSending) {
            // the server may answer and close before the body ends
        }
        assertThat(connection.getResponseCode()).isEqualTo(411);
        String body = new String(connection.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(body).contains("\"id\"").contains("\"message\"");
        assertNothingAppended(app, end);
    }

    @Test
    void refuses_bad_formation_changes() throws IOException {
        String app = Api.newApp();
        Api.deploy(app, Map.of("web", "./web", "worker", "./work"));
        long end = PlatformEventsEnd.of(bootstrapServers);
        List<String> history = api().get("/apps/" + app + "/events").then().extract().path("type");

        List<Object> quantities = List.of(-1, -1.0, "-2", "-99999999999", 10_001, "99999999999999999999", 1e30, 101,
                "two", "1.5", 1.5, "", " ", "0x10", "+", "1e3", true, Map.of("n", 1), List.of(1));
        for (Object quantity : quantities) {
            Response response = api().body(Map.of("updates", List.of(Map.of("type", "web", "quantity", quantity))))
                    .patch("/apps/" + app + "/formation");
            assertRefused(response, 422, "quantity " + quantity);
        }
        assertRefused(api().body(Map.of("updates", List.of(Map.of("type", "nope", "quantity", 1))))
                .patch("/apps/" + app + "/formation"), 404, "unknown type");
        assertRefused(api().body(Map.of("quantity", 1)).patch("/apps/" + app + "/formation/nope"), 404, "unknown type in path");
        assertRefused(api().body(Map.of("updates", List.of(Map.of("type", "web", "quantity", 1, "size", "Huge-9X"))))
                .patch("/apps/" + app + "/formation"), 422, "unknown size");
        assertRefused(api().body(Map.of("updates", List.of())).patch("/apps/" + app + "/formation"), 422, "no updates");
        assertRefused(api().body(Map.of("updates", "web=2")).patch("/apps/" + app + "/formation"), 422, "updates not a list");
        assertRefused(api().body(Map.of("updates", List.of("web"))).patch("/apps/" + app + "/formation"), 422, "update not an object");

        assertThat(PlatformEventsEnd.of(bootstrapServers)).isEqualTo(end);
        assertThat((List<String>) api().get("/apps/" + app + "/events").then().extract().path("type")).isEqualTo(history);
        api().get("/apps/" + app + "/formation").then().body("quantity", org.hamcrest.Matchers.everyItem(
                org.hamcrest.Matchers.lessThanOrEqualTo(1)));
    }

    private void assertRefused(Response response, int status, String what) {
        assertThat(response.statusCode()).as("%s: %s", what, response.body().asString()).isEqualTo(status);
        assertThat(response.contentType()).as(what).startsWith("application/json");
        assertThat(response.jsonPath().getString("id")).as(what).isNotBlank();
        assertThat(response.jsonPath().getString("message")).as(what).isNotBlank();
    }

    private void assertNothingAppended(String app, long end) throws IOException {
        assertThat(PlatformEventsEnd.of(bootstrapServers)).as("platform.events end offsets").isEqualTo(end);
        assertThat((List<String>) api().get("/apps/" + app + "/events").then().extract().path("type"))
                .isEqualTo(List.of("app.created.v1"));
        try (Stream<Path> files = Files.list(blobDir)) {
            assertThat(files.map(p -> p.getFileName().toString())).as("no partial uploads left").noneMatch(n -> n.endsWith(".partial"));
        }
    }

    private static byte[] slugWithProcfile(byte[] procfile) {
        return Slugs.build(tar -> {
            TarArchiveEntry entry = new TarArchiveEntry("Procfile");
            entry.setSize(procfile.length);
            tar.putArchiveEntry(entry);
            tar.write(procfile);
            tar.closeArchiveEntry();
        });
    }

    private static Slugs.Writer link(String name, byte type, String target) {
        return tar -> {
            TarArchiveEntry link = new TarArchiveEntry(name, type, true);
            link.setLinkName(target);
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        };
    }

    private static Slugs.Writer special(String name, byte type) {
        return tar -> {
            tar.putArchiveEntry(new TarArchiveEntry(name, type, true));
            tar.closeArchiveEntry();
        };
    }

    private static byte[] withProcfile(Slugs.Writer hostile) {
        return Slugs.build(tar -> {
            byte[] procfile = "web: ./web\n".getBytes(StandardCharsets.UTF_8);
            TarArchiveEntry entry = new TarArchiveEntry("Procfile");
            entry.setSize(procfile.length);
            tar.putArchiveEntry(entry);
            tar.write(procfile);
            tar.closeArchiveEntry();
            hostile.write(tar);
        });
    }

    private static byte[] gzip(byte[] content) {
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        try (var gzip = new java.util.zip.GZIPOutputStream(bytes)) {
            gzip.write(content);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }
}
