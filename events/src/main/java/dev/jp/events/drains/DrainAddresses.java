package dev.jp.events.drains;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Set;

/**
 * The one rule for the addresses a log drain may not reach, shared by platform-api (a literal
 * address in a drain URL, when the drain is added) and log-router (every address a drain's host
 * resolves to, when it connects): link-local ({@code 169.254.0.0/16}, {@code fe80::/10}: cloud
 * metadata services) or unspecified ({@code 0.0.0.0}, {@code ::}, which reach this machine) at any
 * port; and this machine (loopback, an address of one of its interfaces) at one of the platform's
 * ports. Other local ports stay allowed: a receiver on 127.0.0.1 is how one tests a drain.
 */
public final class DrainAddresses {

    private DrainAddresses() {
    }

    /** Why a drain may not reach {@code address:port}, in a few words; null when it may. */
    public static String refusal(InetAddress address, int port, Set<Integer> platformPorts) {
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress()) {
            return "an unspecified or link-local address";
        }
        if (isThisMachine(address) && platformPorts.contains(port)) {
            return "one of the platform's own services";
        }
        return null;
    }

    private static boolean isThisMachine(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return true;
        }
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
