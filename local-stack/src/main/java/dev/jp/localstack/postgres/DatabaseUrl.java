package dev.jp.localstack.postgres;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a PostgreSQL database is and who to log in as. Parses the forms people set in
 * {@code JP_DATABASE_URL}: {@code postgres://user:pass@host:5432/db} (Heroku's DATABASE_URL),
 * {@code postgresql://...} and {@code jdbc:postgresql://host:5432/db?user=u&password=p}.
 */
public record DatabaseUrl(String host, int port, String database, String user, String password) {

    public DatabaseUrl {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(database, "database");
        Objects.requireNonNull(user, "user");
    }

    public static DatabaseUrl parse(String url) {
        String text = url.trim();
        if (text.startsWith("jdbc:")) {
            text = text.substring("jdbc:".length());
        }
        URI uri;
        try {
            uri = URI.create(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a PostgreSQL URL: " + redact(url));
        }
        if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
            throw new IllegalArgumentException("not a PostgreSQL URL (postgres://user:password@host:5432/db): " + redact(url));
        }
        Map<String, String> query = query(uri.getRawQuery());
        String user = query.get("user");
        String password = query.get("password");
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length > 1 ? decode(parts[1]) : password;
        }
        String path = uri.getPath() == null ? "" : uri.getPath().replaceFirst("^/", "");
        return new DatabaseUrl(
                uri.getHost() == null ? "127.0.0.1" : uri.getHost(),
                uri.getPort() == -1 ? 5432 : uri.getPort(),
                path.isEmpty() ? "postgres" : path,
                user == null ? System.getProperty("user.name") : user,
                password);
    }

    public DatabaseUrl withDatabase(String name) {
        return new DatabaseUrl(host, port, name, user, password);
    }

    /** For the JDBC driver (credentials passed apart, see {@link #user()}). */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/" + database;
    }

    /** For Quarkus' reactive client: {@code quarkus.datasource.reactive.url}. */
    public String reactiveUrl() {
        return "postgresql://" + host + ":" + port + "/" + database;
    }

    /** The URL with its password left out, fit to print. */
    @Override
    public String toString() {
        return "postgresql://" + user + "@" + host + ":" + port + "/" + database;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> result = new LinkedHashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                String[] kv = pair.split("=", 2);
                result.put(decode(kv[0]), kv.length > 1 ? decode(kv[1]) : "");
            }
        }
        return result;
    }

    private static String decode(String value) {
        return URLDecoder.decode(value, StandardCharsets.UTF_8);
    }

    private static String redact(String url) {
        return url.replaceAll("(//[^:/@]+:)[^@]*@", "$1***@").replaceAll("(password=)[^&]*", "$1***");
    }
}
