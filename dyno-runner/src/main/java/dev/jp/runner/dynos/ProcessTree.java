package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A dyno's processes as a tree from its first process, read from {@code /proc/<pid>/task/<tid>/children}:
 * every descendant, also one that made a session or group of its own (which a scan by process
 * group misses), at the cost of the dyno's own processes, not of every process on the host.
 * A descendant whose parent exited (a daemon's double fork) is no longer in the tree.
 */
final class ProcessTree {

    private static final long SELF = ProcessHandle.current().pid();

    private ProcessTree() {
    }

    /** Whether {@code pid} is alive and a child of this process: a dyno's first process, not a pid reused by another. */
    static boolean isChildOfThisProcess(long pid) {
        ProcessGroup.Stat stat = ProcessGroup.Stat.read(Path.of("/proc/" + pid + "/task/" + pid + "/stat"));
        return stat != null && stat.parent() == SELF && stat.state() != 'Z' && stat.state() != 'X';
    }

    /** The live descendants of {@code root}, not {@code root} itself; falls back to the process group where the kernel lists no children. */
    static List<Long> descendantsOf(long root) {
        List<Long> found = new ArrayList<>();
        Deque<Long> parents = new ArrayDeque<>(List.of(root));
        while (!parents.isEmpty()) {
            long parent = parents.removeFirst();
            Path tasks = Path.of("/proc/" + parent + "/task");
            try (DirectoryStream<Path> threads = Files.newDirectoryStream(tasks)) {
                for (Path thread : threads) {
                    // Each thread's own children: a multi-threaded process forks from any of them.
                    for (String child : Files.readString(thread.resolve("children")).trim().split(" ")) {
                        if (!child.isEmpty()) {
                            long pid = Long.parseLong(child);
                            found.add(pid);
                            parents.addLast(pid);
                        }
                    }
                }
            } catch (java.nio.file.NoSuchFileException gone) {
                if (parent == root && !Files.exists(tasks)) {
                    return found; // the dyno is gone
                }
                if (!Files.exists(tasks)) {
                    continue; // this process ended meanwhile
                }
                // No "children" files (a kernel without CONFIG_PROC_CHILDREN): the group will do.
                List<Long> members = new ArrayList<>(new ProcessGroup(root).liveMembers());
                members.remove(root);
                return members;
            } catch (IOException | RuntimeException goneMeanwhile) {
                // a process that ended while it was read: its children, if any, are reparented
            }
        }
        return found;
    }
}
