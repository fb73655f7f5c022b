package dev.jp.runner.dynos;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jboss.logging.Logger;

/**
 * {@code kill(2)} of the C library, called in-process (through JNA, which the runner has for its
 * pseudo-terminals anyway). Java can signal single pids only; a negative pid signals a whole
 * process group. Without it every signal to a dyno cost a {@code /bin/sh -c kill} process: a fork
 * and two execs on a busy machine, a thousand of them in a bench run, each stop of a hundred dynos
 * waiting for a hundred of them in a row.
 */
final class LibcKill {

    private static final Logger LOG = Logger.getLogger(LibcKill.class);
    private static final int ESRCH = 3;

    /** The one libc function used. */
    private interface Libc extends Library {
        int kill(int pid, int signal) throws LastErrorException;
    }

    private static final Libc LIBC = load();

    private LibcKill() {
    }

    /** Whether libc could be loaded here; else the caller falls back to a shell's {@code kill}. */
    static boolean available() {
        return LIBC != null;
    }

    /** Sends the signal to every process of the group; a group that is gone already is fine (ESRCH). */
    static void group(long groupId, int signal) {
        if (groupId <= 1) {
            throw new IllegalArgumentException("not a dyno's process group: " + groupId);
        }
        try {
            LIBC.kill((int) -groupId, signal);
        } catch (LastErrorException goneOrNotOurs) {
            // ESRCH: nothing of the group is left, which is what a signal to it is for.
        }
    }

    /**
     * Whether the group has no process at all any more, zombies included: signal 0 checks without
     * signalling. False means "maybe still there" (a zombie counts here, so look closer).
     */
    static boolean groupGone(long groupId) {
        try {
            LIBC.kill((int) -groupId, 0);
            return false;
        } catch (LastErrorException e) {
            return e.getErrorCode() == ESRCH;
        }
    }

    private static Libc load() {
        try {
            return Native.load("c", Libc.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.warnf("libc not loadable (%s): dynos are signalled through /bin/sh's kill", e.getMessage());
            return null;
        }
    }
}
