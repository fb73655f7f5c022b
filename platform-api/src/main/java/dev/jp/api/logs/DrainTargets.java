package dev.jp.api.logs;

import dev.jp.api.http.ApiException;
import dev.jp.events.drains.DrainAddresses;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Where a drain may not point: log-router sends every line of an app to its drains, so a drain at
 * the platform's own services would turn an app's log into requests against them.
 *
 * <p>The rule: a drain is refused when
 * <ul>
 *   <li>its host:port is one of the platform's configured addresses (API, log-router); or
 *   <li>its host is this machine (loopback, a name such as {@code localhost}, an address of one of
 *       its interfaces) and its port is one of the platform's: the API's, log-router's, the
 *       rendezvous', runners', Kafka's and PostgreSQL's; or
 *   <li>its host is link-local ({@code 169.254.0.0/16}, {@code fe80::/10}: cloud metadata
 *       services) or the unspecified address ({@code 0.0.0.0}, {@code ::}), whatever the port; or
 *   <li>its host is a number in a form other than dotted-quad IPv4 ({@code 127.1}, {@code 2130706433},
 *       {@code 0x7f.0.0.1}), which resolvers read differently.
 * </ul>
 * Other local ports stay allowed: a receiver on 127.0.0.1 is how one tests a drain on one machine.
 * Host names other than this machine's are not resolved here (a name's address may change later).
 */
public final class DrainTargets {

    private static final Pattern DOTTED_QUAD = Pattern.compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    /** Numbers as {@code inet_aton} reads them: one to four dot-separated decimal, octal or hex parts. */
    private static final Pattern NUMERIC = Pattern.compile("(0x[0-9a-f]*|\\d+)(\\.(0x[0-9a-f]*|\\d+)){0,3}\\.?");

    private final Set<String> platformAddresses;
    private final Set<Integer> platformPorts;
    private final Set<String> localNames;

    /**
     * @param platformAddresses {@code host:port} of the platform's services as configured (lower case)
     * @param platformPorts     the ports the platform's services listen on
     * @param localNames        this machine's own host names (lower case)
     */
    public DrainTargets(Set<String> platformAddresses, Set<Integer> platformPorts, Set<String> localNames) {
        this.platformAddresses = Set.copyOf(platformAddresses);
        this.platformPorts = Set.copyOf(platformPorts);
        this.localNames = Set.copyOf(localNames);
    }

    /** The same rule with one more platform port, such as the port a request arrived on. */
    DrainTargets withPort(int port) {
        Set<Integer> ports = new java.util.HashSet<>(platformPorts);
        ports.add(port);
        return new DrainTargets(platformAddresses, ports, localNames);
    }

    /** Throws 422 when a drain may not point at {@code uri}. */
    void check(URI uri, String url) {
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
        if (platformAddresses.contains(host + ":" + port)) {
            throw refused(url);
        }
        String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
        if (bare.contains(":") || DOTTED_QUAD.matcher(bare).matches()) {
            if (DrainAddresses.refusal(literal(bare, url), port, platformPorts) != null) {
                throw refused(url);
            }
        } else if (NUMERIC.matcher(bare).matches()) {
            throw ApiException.invalid("Write an IPv4 drain address as four decimal numbers (such as 192.0.2.10): " + url);
        } else if ((bare.equals("localhost") || bare.endsWith(".localhost") || localNames.contains(bare))
                && platformPorts.contains(port)) {
            throw refused(url);
        }
    }

    private static InetAddress literal(String host, String url) {
        try {
            return InetAddress.getByName(host); // a literal: no name lookup
        } catch (UnknownHostException e) {
            throw ApiException.invalid("Not a valid address in drain URL " + url);
        }
    }

    private static ApiException refused(String url) {
        return ApiException.invalid("A drain may not point at the platform's own services: " + url);
    }
}
