package dev.jp.runner.dynos;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hands out {@code $PORT}s: the lowest port from the first one up that no dyno of this JVM holds
 * and nothing else listens on. Ports are a host resource, so the set of handed-out ports is shared
 * by every runner in the JVM (tests run several).
 */
public final class PortPool {

    private static final Set<Integer> TAKEN = ConcurrentHashMap.newKeySet();

    private final int first;

    public PortPool(int first) {
        this.first = first;
    }

    public int take() {
        for (int port = first; port < 65536; port++) {
            if (TAKEN.add(port)) {
                if (bindable(port)) {
                    return port;
                }
                TAKEN.remove(port);
            }
        }
        throw new IllegalStateException("no free port from " + first);
    }

    public void release(int port) {
        TAKEN.remove(port);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
