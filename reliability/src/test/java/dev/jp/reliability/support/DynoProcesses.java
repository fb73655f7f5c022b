package dev.jp.reliability.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What the kernel runs for an app: each dyno is a process group of its own (the runner starts it
 * under {@code setsid}) whose leader's environment has {@code JP_APP} and {@code DYNO}. Read from
 * {@code /proc}, never from the platform's own view.
 */
public final class DynoProcesses {

    private DynoProcesses() {
    }

    /** The pids of the live group leaders of the app's dynos, by dyno name; more than one means a slot runs twice. */
    public static Map<String, List<Long>> of(String app) {
        Map<String, List<Long>> dynos = new TreeMap<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                try {
                    long pid = Long.parseLong(entry.getFileName().toString());
                    String[] stat = stat(pid);
                    if (stat[0].equals("Z") || stat[0].equals("X") || Long.parseLong(stat[2]) != pid) {
                        continue;
                    }
                    String environ = new String(Files.readAllBytes(entry.resolve("environ")), StandardCharsets.UTF_8);
                    String appName = null;
                    String dyno = null;
                    for (String pair : environ.split("\0")) {
                        if (pair.startsWith("JP_APP=")) {
                            appName = pair.substring(7);
                        } else if (pair.startsWith("DYNO=")) {
                            dyno = pair.substring(5);
                        }
                    }
                    if (app.equals(appName) && dyno != null) {
                        dynos.computeIfAbsent(dyno, d -> new ArrayList<>()).add(pid);
                    }
                } catch (IOException | RuntimeException goneMeanwhile) {
                    // The process ended while we looked.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return dynos;
    }

    /** CPU time the process used so far (user + system), in clock ticks (USER_HZ, 100 per second on Linux). */
    public static long cpuTicks(long pid) {
        try {
            String[] stat = stat(pid);
            return Long.parseLong(stat[11]) + Long.parseLong(stat[12]);
        } catch (IOException e) {
            throw new IllegalStateException("process " + pid + " is gone", e);
        }
    }

    /** The fields of {@code /proc/<pid>/stat} after the command name: [0] = state, [2] = process group, [11] utime, [12] stime. */
    private static String[] stat(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        return stat.substring(stat.lastIndexOf(')') + 2).split(" ");
    }
}
