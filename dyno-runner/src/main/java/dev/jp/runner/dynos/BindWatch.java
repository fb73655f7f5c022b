package dev.jp.runner.dynos;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.LockSupport;
import org.jboss.logging.Logger;

/**
 * Tells when starting web dynos accept on their {@code $PORT}: one thread that, while any port is
 * watched, reads the host's listening sockets every {@code interval} ({@link ListeningPorts}) and
 * reports each watched port once it listens. The cost of a look is one read for all starting dynos,
 * off the supervisor thread, so the interval can be short; nothing runs while no web dyno starts.
 */
final class BindWatch implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(BindWatch.class);

    private final long intervalNanos;
    private final Map<Integer, Watch> watches = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean closed;
    private boolean tablesUnreadable;

    BindWatch(Duration interval) {
        this.intervalNanos = interval.toNanos();
        this.thread = new Thread(this::loop, "jp-dyno-bind-watch");
        thread.setDaemon(true);
        thread.start();
    }

    /** Runs {@code listening} (on this watch's thread) once something listens on the port, unless cancelled first. */
    Watch watch(int port, Runnable listening) {
        Watch watch = new Watch(port, listening);
        watches.put(port, watch);
        LockSupport.unpark(thread);
        return watch;
    }

    /** How many web dynos are starting, watched for less than {@code age} and not yet listening. */
    int watchingFor(Duration age) {
        long since = System.nanoTime() - age.toNanos();
        int count = 0;
        for (Watch watch : watches.values()) {
            if (watch.startedNanos - since > 0) {
                count++;
            }
        }
        return count;
    }

    /** One port's watch. */
    final class Watch {
        private final int port;
        private final Runnable listening;
        private final long startedNanos = System.nanoTime();

        private Watch(int port, Runnable listening) {
            this.port = port;
            this.listening = listening;
        }

        void cancel() {
            watches.remove(port, this);
        }
    }

    private void loop() {
        while (!closed) {
            if (watches.isEmpty()) {
                LockSupport.park(this);
                continue;
            }
            look();
            LockSupport.parkNanos(this, intervalNanos);
        }
    }

    private void look() {
        Set<Integer> ports = new HashSet<>(watches.keySet());
        for (int port : listening(ports)) {
            Watch watch = watches.get(port);
            if (watch != null && watches.remove(port, watch)) {
                try {
                    watch.listening.run();
                } catch (RuntimeException e) {
                    LOG.error("reporting a bound port failed", e);
                }
            }
        }
    }

    private Set<Integer> listening(Set<Integer> ports) {
        if (!tablesUnreadable) {
            try {
                return ListeningPorts.among(ports);
            } catch (IOException | RuntimeException e) {
                tablesUnreadable = true;
                LOG.warnf("cannot read the socket tables (%s): web dynos are probed by connecting", e.getMessage());
            }
        }
        Set<Integer> accepting = new HashSet<>();
        for (int port : ports) {
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 100);
                accepting.add(port);
            } catch (IOException e) {
                // not yet
            }
        }
        return accepting;
    }

    @Override
    public void close() {
        closed = true;
        LockSupport.unpark(thread);
    }
}
