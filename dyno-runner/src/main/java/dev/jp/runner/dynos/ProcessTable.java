package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Resource use per process group, from {@code /proc}: a dyno is its whole group, so a worker that
 * forks is measured with its children. PSS (from {@code smaps_rollup}) counts each shared page
 * divided among its sharers, so dynos running the same binary are not each charged for all of it.
 */
final class ProcessTable {

    /** USER_HZ: the unit of utime and stime in {@code /proc/<pid>/stat}; 100 on every Linux in use. */
    static final int TICKS_PER_SECOND = 100;
    private static final long PAGE_SIZE = 4096;

    private ProcessTable() {
    }

    /**
     * One group's use.
     *
     * @param rssBytes resident memory, summed over the group
     * @param pssBytes proportional set size, summed over the group
     * @param cpuTicks user + system CPU time consumed so far by the live processes, in ticks
     */
    record Usage(long rssBytes, long pssBytes, long cpuTicks) {

        Usage plus(Usage other) {
            return new Usage(rssBytes + other.rssBytes, pssBytes + other.pssBytes, cpuTicks + other.cpuTicks);
        }
    }

    /** The use of each of the given groups that has live processes. */
    static Map<Long, Usage> sample(Set<Long> groups) {
        Map<Long, Usage> usage = new HashMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                try {
                    String stat = Files.readString(entry.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long group = Long.parseLong(fields[2]);
                    if (!groups.contains(group) || fields[0].equals("Z")) {
                        continue;
                    }
                    long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
                    long rss = Long.parseLong(fields[21]) * PAGE_SIZE;
                    usage.merge(group, new Usage(rss, pss(entry), ticks), Usage::plus);
                } catch (IOException | RuntimeException goneMeanwhile) {
                    // The process ended while we looked.
                }
            }
        } catch (IOException e) {
            // No /proc: no stats.
        }
        return usage;
    }

    private static long pss(Path process) throws IOException {
        for (String line : Files.readAllLines(process.resolve("smaps_rollup"))) {
            if (line.startsWith("Pss:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return 0;
    }
}
