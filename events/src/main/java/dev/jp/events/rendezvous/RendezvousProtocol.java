package dev.jp.events.rendezvous;

import java.nio.charset.StandardCharsets;

/**
 * The lines of the rendezvous protocol. A user's client opens TLS and writes {@code SECRET\r\n}; the
 * dyno's runner writes {@code dyno SECRET\r\n}. Once both sides of one secret are there, the server
 * writes {@link #BANNER} to each, as a write of its own (the Heroku CLI discards its first chunk),
 * and pumps raw bytes between them. When the dyno's process ends the runner writes
 * {@link #exitStatus(int)} and closes.
 */
public final class RendezvousProtocol {

    /** What the server writes to both sides once paired. */
    public static final String BANNER = "rendezvous\r\n";

    /** Prefix of the dyno side's first line. */
    public static final String DYNO_PREFIX = "dyno ";

    /**
     * Ctrl-D: what a client whose stdin is not a terminal sends when that input ends. A terminal
     * reads it as end of input by itself; a dyno on plain pipes ({@code force_no_tty}) closes the
     * process's stdin on it.
     */
    public static final byte END_OF_INPUT = 0x04;

    /** The longest first line either side may send; anything longer is not a secret. */
    public static final int MAX_LINE = 512;

    private RendezvousProtocol() {
    }

    /** The line that gives the Heroku CLI the process's exit status (its own exit code). */
    public static byte[] exitStatus(int status) {
        return ("\uFFFF heroku-command-exit-status: " + status + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
