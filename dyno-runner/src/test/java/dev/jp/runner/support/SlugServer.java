package dev.jp.runner.support;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Stands in for platform-api's slug blobs: serves tarballs built by the test on 127.0.0.1. */
public final class SlugServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    private final AtomicInteger fetches = new AtomicInteger();

    public SlugServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/slugs/", exchange -> {
            fetches.incrementAndGet();
            byte[] blob = blobs.get(exchange.getRequestURI().getPath().substring("/slugs/".length()));
            if (blob == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, blob.length);
                exchange.getResponseBody().write(blob);
            }
            exchange.close();
        });
        server.start();
    }

    /** A served slug: its URL and checksum, as a DesiredDyno carries them. */
    public record Slug(String id, String url, String checksum) {
    }

    /** Serves a tarball of the given files (executable when the name ends in {@code .sh}). */
    public Slug serve(String id, Map<String, String> files) {
        byte[] tarball = tarball(files);
        blobs.put(id, tarball);
        return new Slug(id, "http://127.0.0.1:" + server.getAddress().getPort() + "/slugs/" + id, checksum(tarball));
    }

    public int fetches() {
        return fetches.get();
    }

    public static byte[] tarball(Map<String, String> files) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(bytes))) {
            for (Map.Entry<String, String> file : files.entrySet()) {
                byte[] content = file.getValue().getBytes(StandardCharsets.UTF_8);
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(content.length);
                entry.setMode(file.getKey().endsWith(".sh") ? 0755 : 0644);
                tar.putArchiveEntry(entry);
                tar.write(content);
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    public static String checksum(byte[] tarball) {
        try {
            return "SHA256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(tarball));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
