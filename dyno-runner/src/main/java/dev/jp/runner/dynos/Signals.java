package dev.jp.runner.dynos;

import java.util.Map;

/**
 * The JDK reports a process killed by signal N as exit status 128 + N, as a shell does; the
 * event names the signal for such statuses (an exit status above 128 that a program chose itself
 * is reported the same way: the two cannot be told apart).
 */
final class Signals {

    private static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(1, "SIGHUP"), Map.entry(2, "SIGINT"), Map.entry(3, "SIGQUIT"), Map.entry(4, "SIGILL"),
            Map.entry(6, "SIGABRT"), Map.entry(7, "SIGBUS"), Map.entry(8, "SIGFPE"), Map.entry(9, "SIGKILL"),
            Map.entry(10, "SIGUSR1"), Map.entry(11, "SIGSEGV"), Map.entry(12, "SIGUSR2"), Map.entry(13, "SIGPIPE"),
            Map.entry(14, "SIGALRM"), Map.entry(15, "SIGTERM"));

    private Signals() {
    }

    static String nameOf(Integer exitStatus) {
        return exitStatus == null || exitStatus <= 128 ? null : NAMES.get(exitStatus - 128);
    }

    /** The number of a signal named as {@code kill -s} takes it ({@code TERM}, {@code KILL}, {@code HUP}). */
    static int numberOf(String name) {
        String full = "SIG" + name;
        return NAMES.entrySet().stream().filter(e -> e.getValue().equals(full)).map(Map.Entry::getKey).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown signal " + name));
    }
}
