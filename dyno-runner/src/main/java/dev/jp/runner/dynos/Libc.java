package dev.jp.runner.dynos;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import org.jboss.logging.Logger;

/**
 * The few C library calls the runner makes in-process (through JNA, which it has for its
 * pseudo-terminals anyway): signals to whole process groups, which Java cannot send (it signals
 * single pids), and process priorities, which it cannot set. Without them every signal to a dyno
 * cost a {@code /bin/sh -c kill} process, and every dyno a {@code nice} exec in its start: a
 * fork and two execs, or one exec, on a busy machine, hundreds of them in a scale-up.
 */
final class Libc {

    private static final Logger LOG = Logger.getLogger(Libc.class);
    private static final int ESRCH = 3;
    /** {@code setpriority(2)}'s {@code which} for one process. */
    static final int PRIO_PROCESS = 0;

    /** The libc functions used. */
    private interface C extends Library {
        int kill(int pid, int signal) throws LastErrorException;

        int setpriority(int which, int who, int priority) throws LastErrorException;
    }

    private static final C C_LIBRARY = load();

    private Libc() {
    }

    /** Whether libc could be loaded here; else callers fall back (a shell's {@code kill}) or do without. */
    static boolean available() {
        return C_LIBRARY != null;
    }

    /** Sends the signal to every process of the group; a group that is gone already is fine (ESRCH). */
    static void killGroup(long groupId, int signal) {
        requireGroup(groupId);
        try {
            C_LIBRARY.kill((int) -groupId, signal);
        } catch (LastErrorException goneOrNotOurs) {
            // ESRCH: nothing of the group is left, which is what a signal to it is for.
        }
    }

    /**
     * Whether the group has no process at all any more, zombies included: signal 0 checks without
     * signalling. False means "maybe still there" (a zombie counts here, so look closer).
     */
    static boolean groupGone(long groupId) {
        requireGroup(groupId);
        try {
            C_LIBRARY.kill((int) -groupId, 0);
            return false;
        } catch (LastErrorException e) {
            return e.getErrorCode() == ESRCH;
        }
    }

    /** Sets the niceness of one process ({@link #PRIO_PROCESS}); false when it is gone (ESRCH) or may not be set. */
    static boolean setNiceness(int which, long who, int niceness) {
        requireGroup(who);
        try {
            C_LIBRARY.setpriority(which, (int) who, niceness);
            return true;
        } catch (LastErrorException goneOrNotAllowed) {
            return false;
        }
    }

    private static void requireGroup(long id) {
        if (id <= 1) {
            throw new IllegalArgumentException("not a dyno's process or group: " + id);
        }
    }

    private static C load() {
        try {
            return Native.load("c", C.class);
        } catch (LinkageError | RuntimeException e) {
            LOG.warnf("libc not loadable (%s): dynos are signalled through /bin/sh's kill and run at the runner's priority",
                    e.getMessage());
            return null;
        }
    }
}
