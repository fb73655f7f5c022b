package dev.jp.logs.drains;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where a drain sends, parsed from its URL: {@code https://} and {@code http://} POST logplex-1
 * batches; {@code syslog://} and {@code syslog+tcp://} write octet-counted frames to a TCP
 * connection, {@code syslog+tls://} to a TLS one whose certificate is verified unless the URL ends
 * in {@code #insecure}.
 */
record DrainUrl(Kind kind, URI uri, String host, int port, boolean insecure) {

    enum Kind { HTTP, SYSLOG_TCP, SYSLOG_TLS }

    static DrainUrl parse(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a drain URL: " + url, e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
        boolean insecure = "insecure".equals(uri.getFragment());
        return switch (scheme) {
            case "http", "https" -> new DrainUrl(Kind.HTTP, withoutFragment(uri), uri.getHost(), uri.getPort(), insecure);
            case "syslog", "syslog+tcp" -> new DrainUrl(Kind.SYSLOG_TCP, uri, host(uri), port(uri, 514), insecure);
            case "syslog+tls" -> new DrainUrl(Kind.SYSLOG_TLS, uri, host(uri), port(uri, 6514), insecure);
            default -> throw new IllegalArgumentException("unsupported drain scheme: " + url);
        };
    }

    private static String host(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("a syslog drain needs a host: " + uri);
        }
        return uri.getHost();
    }

    private static int port(URI uri, int fallback) {
        return uri.getPort() > 0 ? uri.getPort() : fallback;
    }

    private static URI withoutFragment(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getRawAuthority() == null ? null : uri.getAuthority(), uri.getPath(),
                    uri.getQuery(), null);
        } catch (URISyntaxException e) {
            return uri;
        }
    }
}
