package dev.jp.runner.dynos;

import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP ports something on this host listens on, from the kernel's socket tables
 * ({@code /proc/net/tcp} and {@code tcp6}; dynos share the runner's network namespace). A socket in
 * {@code LISTEN} is one the kernel completes connections for, i.e. "accepting on {@code $PORT}":
 * one read answers for every starting web dyno at once, where a connection attempt per dyno costs a
 * socket, a refusal and an exception each time.
 *
 * <p>The kernel lists listening sockets first (its listening hash, then the established one), so
 * the read stops at the first socket in any other state: the cost follows the number of listeners,
 * not the thousands of connections a busy host may hold.
 */
final class ListeningPorts {

    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    private static final String LISTEN = "0A";

    private ListeningPorts() {
    }

    /** Which of {@code wanted} are listened on now; throws when the tables cannot be read. */
    static Set<Integer> among(Collection<Integer> wanted) throws IOException {
        Set<Integer> found = new HashSet<>();
        for (Path table : TABLES) {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(new FileInputStream(table.toFile()),
                    StandardCharsets.US_ASCII), 4096)) {
                lines.readLine(); // the header
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    // "  12: 0100007F:1F90 00000000:0000 0A ..." : local address:port (hex), remote, state
                    String[] fields = line.trim().split("\\s+", 5);
                    if (fields.length < 4 || !LISTEN.equals(fields[3])) {
                        break;
                    }
                    String local = fields[1];
                    int port = Integer.parseInt(local.substring(local.lastIndexOf(':') + 1), 16);
                    if (wanted.contains(port)) {
                        found.add(port);
                    }
                }
            }
        }
        return found;
    }
}
