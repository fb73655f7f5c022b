package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A dyno's process group (its id is the dyno shell's pid): signalled as a whole, so grandchildren
 * are stopped with their parent. Java can only signal single pids, hence {@code kill(-PGID)} (see
 * {@link Libc}).
 */
public record ProcessGroup(long id) {

    private static final Path PROC = Path.of("/proc");

    /** Sends the signal ({@code TERM}, {@code KILL}) to every process of the group; a gone group is fine. */
    public void signal(String signal) {
        if (Libc.available()) {
            Libc.killGroup(id, Signals.numberOf(signal));
            return;
        }
        try {
            // The shell's own kill: /bin/kill comes with procps, which slim images (the runner's
            // container) leave out, while /bin/sh is there wherever dynos can run at all.
            Process kill = new ProcessBuilder("/bin/sh", "-c", "kill -s \"$1\" -- \"-$2\"", "sh", signal, Long.toString(id))
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS)) {
                kill.destroyForcibly();
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run /bin/sh to signal a dyno", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether any process of the group is still alive (zombies do not count: they are only waiting for a reaper). */
    public boolean hasLiveMembers() {
        return !liveMembers().isEmpty();
    }

    /**
     * Whether any process of the group was alive at a scan of {@code /proc} begun after
     * {@code notBeforeNanos} ({@link System#nanoTime()}) and at most a few milliseconds ago. Many
     * dynos stopping at once share one scan: a scan per dyno per check is quadratic work that
     * would keep the supervisor busy while a hundred dynos stop.
     */
    public boolean hadLiveMembers(long notBeforeNanos) {
        // Usually the whole group is gone once its leader is: one system call says so, no scan needed.
        if (Libc.available() && Libc.groupGone(id)) {
            return false;
        }
        return RecentScan.liveGroups(notBeforeNanos).contains(id);
    }

    /** The process groups with live members, as of one recent walk of {@code /proc}. */
    private static final class RecentScan {

        private static final long MAX_AGE_NANOS = 10_000_000;
        private static long startedAt;
        private static Set<Long> groups;

        static synchronized Set<Long> liveGroups(long notBeforeNanos) {
            long now = System.nanoTime();
            if (groups == null || startedAt - notBeforeNanos < 0 || now - startedAt > MAX_AGE_NANOS) {
                groups = scan();
                startedAt = now;
            }
            return groups;
        }

        private static Set<Long> scan() {
            Set<Long> live = new HashSet<>();
            try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
                for (Path entry : entries) {
                    // The main thread's stat: a process's own stat sums over all its threads, which
                    // for the JVMs on the host (this runner among them) takes milliseconds each.
                    // Its process group is the process's; a dead main thread in a live process is
                    // rare enough to ask the process itself then.
                    Stat stat = Stat.read(entry.resolve("task").resolve(entry.getFileName()).resolve("stat"));
                    if (stat != null && stat.state() == 'Z') {
                        stat = Stat.read(entry.resolve("stat"));
                    }
                    if (stat != null && stat.state() != 'Z' && stat.state() != 'X') {
                        live.add(stat.processGroup());
                    }
                }
            } catch (IOException e) {
                // /proc unreadable: report nothing rather than wait forever.
            }
            return live;
        }
    }

    /** The pids of the group's live processes, from {@code /proc}. */
    public List<Long> liveMembers() {
        List<Long> members = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(PROC, p -> isNumber(p.getFileName().toString()))) {
            for (Path entry : entries) {
                Stat stat = Stat.read(entry.resolve("stat"));
                if (stat != null && stat.processGroup() == id && stat.state() != 'Z' && stat.state() != 'X') {
                    members.add(Long.parseLong(entry.getFileName().toString()));
                }
            }
        } catch (IOException e) {
            // /proc unreadable: report nothing rather than wait forever.
        }
        return members;
    }

    private static boolean isNumber(String name) {
        return !name.isEmpty() && name.chars().allMatch(Character::isDigit);
    }

    /** The fields of {@code /proc/<pid>/stat} this runner needs. */
    record Stat(char state, long parent, long processGroup) {

        static Stat read(Path file) {
            try {
                String text = Files.readString(file);
                // The command name is in parentheses and may itself hold spaces and ')'.
                String[] fields = text.substring(text.lastIndexOf(')') + 2).split(" ");
                return new Stat(fields[0].charAt(0), Long.parseLong(fields[1]), Long.parseLong(fields[2]));
            } catch (IOException | RuntimeException goneMeanwhile) {
                return null;
            }
        }
    }
}
