package dev.jp.runner.attach;

import com.pty4j.PtyProcessBuilder;
import dev.jp.events.rendezvous.RendezvousProtocol;
import dev.jp.runner.dynos.ProcessGroup;
import dev.jp.runner.dynos.ProcessLauncher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.file.Path;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * A user's terminal, reached through the rendezvous, and the dyno process it drives: the command
 * runs on a pseudo-terminal of its own (its own session, the pty as controlling terminal, sized by
 * {@code COLUMNS} and {@code LINES}), whose bytes are copied to the user and back, each direction
 * on a thread of its own, so either side's slowness holds back only that side (blocking writes are
 * the back-pressure). When the process ends, the user gets the exit-status line and the
 * connection closes; when the user leaves first, the process group gets SIGHUP, as from a real
 * terminal, and the caller stops the dyno.
 *
 * <p>When the user's stdin is not a terminal ({@code force_no_tty}: {@code echo hi | heroku run
 * cat}), the command runs on plain pipes instead ({@link #startOnPipes}): the user's bytes go to its
 * stdin as they are, its stdout and stderr come back as one stream, and the {@code \x04} the client
 * sends when its input ends closes the process's stdin, so a program that reads to the end of its
 * input ends. No terminal echoes the input or turns {@code \n} into {@code \r\n}.
 */
public final class Terminal implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(Terminal.class);
    /** How long the exit waits for the pty's last output (a grandchild may hold the pty open). */
    private static final long DRAIN_MILLIS = 2_000;

    private final Socket socket;
    private final Object toUser = new Object();
    private volatile boolean finished;

    Terminal(Socket socket) {
        this.socket = socket;
    }

    /**
     * Starts {@code command} on a pty bridged to this terminal.
     *
     * @param userLeft runs (after SIGHUP) when the user disconnects while the process runs
     */
    public Process start(ProcessLauncher launcher, String name, String command, Path directory,
                         Map<String, String> environment, Runnable userLeft) throws IOException {
        PtyProcessBuilder builder = new PtyProcessBuilder(launcher.unprivileged(command, directory).toArray(String[]::new))
                .setEnvironment(environment).setDirectory(directory.toString())
                .setInitialColumns(size(environment.get("COLUMNS"), 80)).setInitialRows(size(environment.get("LINES"), 24))
                .setRedirectErrorStream(true).setConsole(false);
        Process process = launcher.fork(builder::start);
        Thread out = thread("jp-pty-out-" + name, () -> copyToUser(process.getInputStream()));
        thread("jp-pty-in-" + name, () -> copyFromUser(process, userLeft));
        thread("jp-pty-exit-" + name, () -> exited(process, out));
        return process;
    }

    /**
     * Starts {@code command} on plain pipes bridged to this terminal: the user's input to its stdin
     * up to the client's end-of-input byte, its stdout and stderr (merged, in the order written) to
     * the user.
     *
     * @param userLeft runs (after SIGHUP) when the user disconnects while the process runs
     */
    public Process startOnPipes(ProcessLauncher launcher, String name, String command, Path directory,
                                Map<String, String> environment, Runnable userLeft) throws IOException {
        Process process = launcher.launchMergingOutput(command, directory, environment);
        Thread out = thread("jp-pipe-out-" + name, () -> copyToUser(process.getInputStream()));
        thread("jp-pipe-in-" + name, () -> copyToStdin(process, userLeft));
        thread("jp-pipe-exit-" + name, () -> exited(process, out));
        return process;
    }

    /**
     * The user's bytes to the process's stdin until {@link RendezvousProtocol#END_OF_INPUT}, which
     * closes it. A process that stops reading (or exits) only ends the copying to it: the user is
     * still there until their connection ends, and only that is the user leaving.
     */
    private void copyToStdin(Process process, Runnable userLeft) {
        byte[] buffer = new byte[16 * 1024];
        OutputStream stdin = process.getOutputStream();
        boolean open = true;
        try {
            InputStream user = socket.getInputStream();
            int read;
            while ((read = user.read(buffer)) > 0) {
                if (!open) {
                    continue;
                }
                int end = indexOf(buffer, read, RendezvousProtocol.END_OF_INPUT);
                try {
                    if (end != 0) {
                        stdin.write(buffer, 0, end < 0 ? read : end);
                        stdin.flush();
                    }
                    if (end >= 0) {
                        open = false;
                        stdin.close();
                    }
                } catch (IOException stdinGone) {
                    open = false; // the process closed its stdin or exited: what the user sends now goes nowhere
                }
            }
        } catch (IOException ended) {
            // The user's connection broke, or it was closed after the exit.
        }
        hangUpIfStillRunning(process, userLeft);
    }

    private static int indexOf(byte[] buffer, int length, byte wanted) {
        for (int i = 0; i < length; i++) {
            if (buffer[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    private void copyToUser(InputStream pty) {
        byte[] buffer = new byte[16 * 1024];
        try {
            int read;
            while ((read = pty.read(buffer)) > 0) {
                synchronized (toUser) {
                    socket.getOutputStream().write(buffer, 0, read);
                    socket.getOutputStream().flush();
                }
            }
        } catch (IOException ended) {
            // The pty is closed (every process holding it is gone) or the user left.
        }
    }

    private void copyFromUser(Process process, Runnable userLeft) {
        byte[] buffer = new byte[16 * 1024];
        OutputStream pty = process.getOutputStream();
        try {
            InputStream user = socket.getInputStream();
            int read;
            while ((read = user.read(buffer)) > 0) {
                pty.write(buffer, 0, read);
                pty.flush();
            }
        } catch (IOException ended) {
            // The user's connection broke, or it was closed after the exit.
        }
        hangUpIfStillRunning(process, userLeft);
    }

    /** The user's side ended while the process still runs: SIGHUP to its group, as a terminal's hang-up. */
    private void hangUpIfStillRunning(Process process, Runnable userLeft) {
        if (!finished && process.isAlive()) {
            finished = true;
            LOG.infof("the user left; hanging up on process group %d", process.pid());
            new ProcessGroup(process.pid()).signal("HUP");
            userLeft.run();
        }
    }

    private void exited(Process process, Thread out) {
        int status;
        try {
            status = process.waitFor();
            out.join(DRAIN_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        boolean userStillThere = !finished;
        finished = true;
        if (userStillThere) {
            synchronized (toUser) {
                try {
                    socket.getOutputStream().write(RendezvousProtocol.exitStatus(status));
                    socket.getOutputStream().flush();
                } catch (IOException gone) {
                    // The user left at the same moment.
                }
            }
        }
        close();
        try {
            process.getOutputStream().close();
            process.getInputStream().close();
        } catch (IOException ignored) {
            // The pty is released either way.
        }
    }

    private static int size(String value, int fallback) {
        try {
            int size = value == null ? fallback : Integer.parseInt(value.trim());
            return size > 0 && size < 10_000 ? size : fallback;
        } catch (NumberFormatException e) {
            return fallback;
        }
    }

    private static Thread thread(String name, Runnable body) {
        Thread thread = new Thread(body, name);
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    /** Closes the connection to the user (a terminal whose dyno never starts is closed this way). */
    @Override
    public void close() {
        finished = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closed is closed.
        }
    }
}
