package dev.jp.events.rendezvous;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Objects;

/**
 * Where an attached one-off dyno and the user's terminal meet: {@code rendezvous://HOST:PORT/SECRET},
 * the {@code attach_url} that {@code heroku run} reads (HEROKU-API.md, "heroku run rendezvous").
 * platform-api hands it to the client and, in the dyno's desired record, to the runner.
 *
 * @param host the rendezvous server's host; the client checks the server certificate against it
 * @param port its TLS port
 * @param secret the line both sides present; it names the dyno and is its capability
 */
public record RendezvousUrl(String host, int port, String secret) {

    public static final String SCHEME = "rendezvous";

    public RendezvousUrl {
        Objects.requireNonNull(host, "host is required");
        Objects.requireNonNull(secret, "secret is required");
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port must be 1..65535");
        }
        if (secret.isEmpty() || !secret.chars().allMatch(c -> c > ' ' && c < 127 && c != '/')) {
            throw new IllegalArgumentException("secret must be printable ASCII without spaces or '/'");
        }
    }

    /** Reads {@code rendezvous://HOST:PORT/SECRET}; the message of a failure never repeats the secret. */
    public static RendezvousUrl parse(String url) {
        try {
            URI uri = new URI(url);
            if (!SCHEME.equals(uri.getScheme()) || uri.getHost() == null || uri.getPort() < 0 || uri.getRawPath() == null
                    || uri.getRawPath().length() < 2) {
                throw new IllegalArgumentException("not a rendezvous://HOST:PORT/SECRET URL");
            }
            return new RendezvousUrl(uri.getHost(), uri.getPort(), uri.getRawPath().substring(1));
        } catch (URISyntaxException | RuntimeException e) {
            throw new IllegalArgumentException("not a rendezvous://HOST:PORT/SECRET URL");
        }
    }

    @Override
    public String toString() {
        String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        return SCHEME + "://" + h + ":" + port + "/" + secret;
    }
}
