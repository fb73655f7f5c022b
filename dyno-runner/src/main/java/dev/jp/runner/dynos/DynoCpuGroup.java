package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * One CPU cgroup for all running dynos of a runner, so that however many dynos run, together they
 * weigh as one process at the dyno niceness against the platform's services, as Kubernetes puts
 * every pod under one {@code kubepods} group. Without it each dyno weighs on its own (a niceness,
 * and a session group of that niceness), so the dynos' share of the host grows with their count:
 * 200 dynos at niceness 19 weighed three of the platform's services, and how much of the machine
 * they took, and so the API's p99 under their log load, varied from run to run (2.9x to 6.3x idle
 * in the reliability soak on identical code).
 *
 * <p>The cgroup v1 {@code cpu} controller, under the runner's own group; the runner must be able
 * to create it (root, a writable hierarchy). Where it cannot (unprivileged, or a host with cgroup v2
 * only, not handled yet: there a group needs a delegated subtree with the cpu controller enabled),
 * {@link #create} says so and dynos are weighed one by one.
 */
final class DynoCpuGroup implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynoCpuGroup.class);
    /** The kernel's weight of a task at niceness 0..19 ({@code sched_prio_to_weight}); cpu.shares uses the same scale. */
    private static final int[] WEIGHT_OF_NICENESS = {1024, 820, 655, 526, 423, 335, 272, 215, 172, 137, 110, 87, 70, 56,
            45, 36, 29, 23, 18, 15};

    private final Path directory;

    private DynoCpuGroup(Path directory) {
        this.directory = directory;
    }

    /** The group {@code name}, made (or found) under the runner's own cpu cgroup, weighing as one task at {@code niceness}. */
    static Optional<DynoCpuGroup> create(String name, int niceness) {
        Optional<Path> parent = ownCpuGroup();
        if (parent.isEmpty()) {
            return Optional.empty();
        }
        Path directory = parent.get().resolve(name);
        try {
            Files.createDirectories(directory);
            Files.writeString(directory.resolve("cpu.shares"), Integer.toString(WEIGHT_OF_NICENESS[niceness]));
            return Optional.of(new DynoCpuGroup(directory));
        } catch (IOException | RuntimeException e) {
            LOG.debugf("no CPU cgroup for dynos at %s (%s): each dyno is weighed on its own", directory, e.getMessage());
            return Optional.empty();
        }
    }

    /** Moves the process (not its children made so far) into the group; false when it is gone or cannot be moved. */
    boolean adopt(long pid) {
        try {
            Files.writeString(directory.resolve("cgroup.procs"), Long.toString(pid));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    Path directory() {
        return directory;
    }

    /** Removes the group once no process is left in it (the kernel refuses otherwise; it is then left for the next run). */
    @Override
    public void close() {
        try {
            Files.deleteIfExists(directory);
        } catch (IOException stillUsed) {
            LOG.debugf("CPU cgroup %s left in place: %s", directory, stillUsed.getMessage());
        }
    }

    /** The directory of this process's cgroup in a mounted cgroup v1 hierarchy with the {@code cpu} controller. */
    private static Optional<Path> ownCpuGroup() {
        try {
            Optional<Path> mount = cpuMount(Files.readAllLines(Path.of("/proc/self/mountinfo")));
            if (mount.isEmpty()) {
                return Optional.empty();
            }
            for (String line : Files.readAllLines(Path.of("/proc/self/cgroup"))) {
                // "1:cpu:/path" (v1; "4:cpu,cpuacct:/path" where they are mounted together)
                String[] fields = line.split(":", 3);
                if (fields.length == 3 && List.of(fields[1].split(",")).contains("cpu")) {
                    Path own = mount.get().resolve(fields[2].substring(1));
                    return Files.isWritable(own) ? Optional.of(own) : Optional.empty();
                }
            }
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** From mountinfo lines: where a cgroup (v1) file system with the cpu controller is mounted. */
    static Optional<Path> cpuMount(List<String> mountInfo) {
        for (String line : mountInfo) {
            // "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu"
            int separator = line.indexOf(" - ");
            if (separator < 0) {
                continue;
            }
            String[] before = line.substring(0, separator).split(" ");
            String[] after = line.substring(separator + 3).split(" ");
            if (before.length >= 5 && after.length >= 3 && after[0].equals("cgroup")
                    && List.of(after[2].split(",")).contains("cpu") && before[3].equals("/")) {
                return Optional.of(Path.of(before[4]));
            }
        }
        return Optional.empty();
    }
}
