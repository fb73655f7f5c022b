package dev.jp.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A small JSON client of the jp API for the bench: one request, status checked, body as a tree. */
final class BenchHttp {

    static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String token;

    BenchHttp(String base, String token) {
        this.base = base;
        this.token = token;
    }

    JsonNode call(String method, String path, Object body, int expected) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(path.startsWith("http") ? path : base + path).toURL().openConnection();
        // HttpURLConnection has no PATCH; the API takes a POST with X-HTTP-Method-Override, as jp's CLI sends it.
        boolean override = method.equals("PATCH");
        connection.setRequestMethod(override ? "POST" : method);
        if (override) {
            connection.setRequestProperty("X-HTTP-Method-Override", method);
        }
        connection.setRequestProperty("Authorization", "Bearer " + token);
        connection.setRequestProperty("Accept", "application/vnd.heroku+json; version=3");
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(120_000);
        if (body != null) {
            connection.setDoOutput(true);
            byte[] bytes = body instanceof byte[] raw ? raw : JSON.writeValueAsBytes(body);
            connection.setRequestProperty("Content-Type", body instanceof byte[] ? "application/octet-stream" : "application/json");
            try (OutputStream out = connection.getOutputStream()) {
                out.write(bytes);
            }
        }
        int status = connection.getResponseCode();
        try (InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream()) {
            String text = in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
            if (status != expected) {
                throw new IOException(method + " " + path + " answered " + status + ": " + text);
            }
            return text.isBlank() ? JSON.nullNode() : JSON.readTree(text);
        }
    }
}
