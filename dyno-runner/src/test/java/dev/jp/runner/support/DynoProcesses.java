package dev.jp.runner.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** What the kernel says runs for an app: live processes (not zombies) whose environment has {@code JP_APP=<app>}. */
public final class DynoProcesses {

    /**
     * A live process of the app.
     *
     * @param pid   its pid
     * @param group its process group
     * @param uid   its real user id
     * @param env   its environment at exec
     */
    public record Proc(long pid, long group, int uid, Map<String, String> env) {

        public boolean leadsGroup() {
            return pid == group;
        }

        public String dyno() {
            return env.get("PS");
        }
    }

    private DynoProcesses() {
    }

    /** Every live process of the app, leaders and their children. */
    public static List<Proc> of(String app) {
        List<Proc> found = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                try {
                    Map<String, String> env = environ(entry.resolve("environ"));
                    if (!app.equals(env.get("JP_APP"))) {
                        continue;
                    }
                    String stat = Files.readString(entry.resolve("stat"));
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    if (fields[0].equals("Z") || fields[0].equals("X")) {
                        continue;
                    }
                    int uid = -1;
                    for (String line : Files.readAllLines(entry.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            uid = Integer.parseInt(line.split("\\s+")[1]);
                        }
                    }
                    found.add(new Proc(Long.parseLong(entry.getFileName().toString()), Long.parseLong(fields[2]), uid, env));
                } catch (IOException | RuntimeException goneMeanwhile) {
                    // The process ended while we looked.
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    /** The dynos of the app: group leaders by slot. */
    public static Map<String, Proc> dynos(String app) {
        Map<String, Proc> dynos = new HashMap<>();
        for (Proc proc : of(app)) {
            if (proc.leadsGroup()) {
                dynos.put(proc.dyno(), proc);
            }
        }
        return dynos;
    }

    private static Map<String, String> environ(Path file) throws IOException {
        Map<String, String> env = new HashMap<>();
        for (String pair : new String(Files.readAllBytes(file), StandardCharsets.UTF_8).split("\0")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                env.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }
        return env;
    }

    /** SIGKILL to one process, as an operator's {@code kill -9} would. */
    public static void kill9(long pid) {
        ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    }
}
