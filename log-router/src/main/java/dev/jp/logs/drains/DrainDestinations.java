package dev.jp.logs.drains;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import dev.jp.events.drains.DrainAddresses;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/**
 * Where a drain may connect, checked on the address a connection is about to use. platform-api
 * refuses drain URLs that name the platform's services, but a host name is not resolved then, and
 * may later resolve elsewhere (DNS rebinding): to this machine's loopback, or to a cloud metadata
 * service. So every connect resolves the name here, refuses it when any of its addresses is
 * <ul>
 *   <li>link-local ({@code 169.254.0.0/16}, {@code fe80::/10}) or unspecified ({@code 0.0.0.0},
 *       which reaches this machine), whatever the port; or
 *   <li>this machine (loopback, an address of one of its interfaces) with one of the platform's ports,
 * </ul>
 * and otherwise hands back the address checked, which the connection must use rather than look the
 * name up again. Other local ports stay allowed, as in platform-api: a receiver on 127.0.0.1 is how
 * one tests a drain on one machine.
 */
final class DrainDestinations {

    /** A drain whose host resolves where drains may not go. */
    static final class RefusedException extends IOException {
        RefusedException(String message) {
            super(message);
        }

        /**
         * Tells the app's log, as Logplex tells of a drain it cannot use (L14 for a certificate):
         * the batch is dropped, and counted so, and the drain backs off as from any failure.
         */
        DrainSender.Outcome report(DrainUrl url, int lines, Consumer<String> platformLine) {
            platformLine.accept("Error L16 (drain destination refused): error=\"" + getMessage() + "\" uri=\"" + url.uri() + "\"");
            LOG.warnf("drain %s: %s; %d lines dropped", url.uri(), getMessage(), lines);
            return DrainSender.Outcome.REFUSED;
        }
    }

    private static final Logger LOG = Logger.getLogger(DrainDestinations.class);

    private final DrainHostResolver resolver;
    private final Set<Integer> platformPorts;

    DrainDestinations(DrainHostResolver resolver, Set<Integer> platformPorts) {
        this.resolver = resolver;
        this.platformPorts = Set.copyOf(platformPorts);
    }

    /** The address to connect to for {@code host:port}; refused as above. */
    InetSocketAddress check(String host, int port) throws IOException {
        List<InetAddress> addresses = resolver.resolve(host);
        if (addresses.isEmpty()) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            String refusal = DrainAddresses.refusal(address, port, platformPorts);
            if (refusal != null) {
                throw new RefusedException(host + " resolves to " + address.getHostAddress() + ", port " + port + ": " + refusal);
            }
        }
        return new InetSocketAddress(addresses.get(0), port);
    }
}
