package dev.jp.runner.dynos;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The CPU priority dynos run at: lower than the platform's own services on the same host, so that
 * hundreds of busy dynos (user work) cannot starve the runner that reads their output, the log
 * router, Kafka or the API. Heroku meters dyno CPU, Kubernetes gives pods cgroup CPU weights; here
 * it is the niceness every process of a dyno starts with.
 *
 * <p>Two settings make one niceness hold. {@code nice -n N} lowers each process's weight against
 * processes of the same scheduling group. But each dyno is a session of its own ({@code setsid}),
 * and where the kernel groups by session (autogroup, {@code /proc/sys/kernel/sched_autogroup_enabled},
 * on for processes outside any CPU cgroup) a session's whole group weighs as much as one of the
 * platform's services: 200 dynos were 200 shares against the API's one, and the API's read p99 under
 * log load grew 33-fold. So the dyno's first process, once it leads its session, writes N into
 * {@code /proc/self/autogroup} too (allowed unprivileged: niceness may only go up), then becomes the
 * dyno. On a host without autogroups that write fails silently and {@code nice} alone does the work.
 * Both run after {@code setpriv} has dropped the runner's privileges: no part of a dyno runs as root.
 */
public final class DynoPriority {

    private static final String NICE = "/usr/bin/nice";
    private static final String SH = "/bin/sh";
    /** Sets the session's group niceness to $0 where the kernel has autogroups, then runs the rest. */
    private static final String SESSION_NICE = "echo \"$0\" > /proc/self/autogroup 2>/dev/null; exec \"$@\"";

    private final int niceness;

    private DynoPriority(int niceness) {
        this.niceness = niceness;
    }

    /** Dynos at niceness {@code niceness} (1..19); 0 runs them at the runner's own priority. */
    public static DynoPriority of(int niceness) {
        if (niceness < 0 || niceness > 19) {
            throw new IllegalArgumentException("a dyno's niceness is 0 (off) to 19, not " + niceness);
        }
        if (niceness > 0 && !Files.isExecutable(Path.of(NICE))) {
            throw new IllegalStateException("dyno-runner needs " + NICE + " (coreutils) to start dynos at niceness "
                    + niceness + "; set jp.runner.dyno-nice=0 to run them at the runner's priority");
        }
        return new DynoPriority(niceness);
    }

    /** Dynos at the runner's own priority. */
    public static DynoPriority unchanged() {
        return new DynoPriority(0);
    }

    public int niceness() {
        return niceness;
    }

    /**
     * What goes before a dyno's {@code /bin/sh -c command}, after {@code setsid} (the session must
     * exist before its group's niceness is set) and {@code setpriv}: {@code sh -c '…autogroup…' N
     * nice -n N}, or nothing when off.
     */
    List<String> prefix() {
        if (niceness == 0) {
            return List.of();
        }
        String n = Integer.toString(niceness);
        return List.of(SH, "-c", SESSION_NICE, n, NICE, "-n", n);
    }
}
