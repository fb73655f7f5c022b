package dev.jp.runner.dynos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import dev.jp.runner.slugs.DynoUser;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Dynos boot at the runner's priority and, once up, run at a lower one: every process of the dyno
 * at the niceness, and, where the kernel schedules sessions as groups (autogroup), the dyno's
 * session too; never the runner's own session.
 */
class DynoPriorityTest {

    private static final Path AUTOGROUP = Path.of("/proc/self/autogroup");

    @TempDir
    Path directory;
    private ProcessLauncher launcher;
    private Process dyno;

    @AfterEach
    void stop() {
        if (dyno != null) {
            java.util.List<Long> tree = new java.util.ArrayList<>(ProcessTree.descendantsOf(dyno.pid()));
            tree.add(dyno.pid());
            new ProcessGroup(dyno.pid()).signal("KILL");
            tree.forEach(pid -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
            // Gone before the launcher closes, so a CPU cgroup of the test's can be removed.
            await().atMost(Duration.ofSeconds(10)).until(() -> tree.stream().allMatch(pid -> ProcessHandle.of(pid).isEmpty()));
        }
        if (launcher != null) {
            launcher.close();
        }
    }

    @Test
    void a_dyno_boots_at_the_runners_priority_then_it_and_its_children_yield_in_a_session_group_of_that_niceness()
            throws Exception {
        String runnerGroup = autogroup(Path.of("/proc/self/autogroup"));
        launcher = new ProcessLauncher(Optional.empty(), DynoPriority.of(12));

        // One child in the dyno's group, one in a session of its own: both are the dyno's.
        dyno = launcher.launch("setsid sleep 300 & sleep 300 & wait", directory, Map.of("PATH", "/usr/bin:/bin"));
        await().atMost(Duration.ofSeconds(10)).until(() -> ProcessTree.descendantsOf(dyno.pid()).size() == 2);
        for (long pid : dynoProcesses()) {
            assertThat(niceness(pid)).as("niceness of pid %d while booting", pid).isEqualTo(niceness(ProcessHandle.current().pid()));
        }

        launcher.yieldCpu(dyno.pid());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (long pid : dynoProcesses()) {
                assertThat(niceness(pid)).as("niceness of pid %d", pid).isEqualTo(12);
            }
        });
        if (Files.exists(AUTOGROUP)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(autogroup(Path.of("/proc/" + dyno.pid() + "/autogroup"))).endsWith(" nice 12"));
            assertThat(autogroup(AUTOGROUP)).as("the runner's own session group is untouched").isEqualTo(runnerGroup);
        }
        assertThat(niceness(ProcessHandle.current().pid())).as("the runner's niceness").isZero();
    }

    @Test
    void a_dyno_of_another_uid_yields_too() throws Exception {
        Optional<DynoUser> user = DynoUser.forRunner("nobody");
        Assumptions.assumeTrue(user.isPresent(), "the runner changes the dyno's uid only as root");
        Files.setAttribute(directory, "unix:uid", 40_123); // a dyno runs as the owner of its copy
        launcher = new ProcessLauncher(user, DynoPriority.of(15));

        dyno = launcher.launch("sleep 300 & wait", directory, Map.of("PATH", "/usr/bin:/bin"));
        ProcessGroup group = new ProcessGroup(dyno.pid());
        await().atMost(Duration.ofSeconds(10)).until(() -> group.liveMembers().size() == 2);
        launcher.yieldCpu(dyno.pid());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (long pid : group.liveMembers()) {
                assertThat(Files.getAttribute(Path.of("/proc/" + pid), "unix:uid")).as("uid of pid %d", pid).isEqualTo(40_123);
                assertThat(niceness(pid)).as("niceness of pid %d", pid).isEqualTo(15);
            }
        });
        if (Files.exists(AUTOGROUP)) {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                    assertThat(autogroup(Path.of("/proc/" + dyno.pid() + "/autogroup"))).endsWith(" nice 15"));
        }
    }

    @Test
    void dynos_that_yield_as_soon_as_they_are_forked_each_get_the_niceness_and_their_session_niceness() throws Exception {
        // Worker dynos are up when forked: they yield before their first process has made its session.
        launcher = new ProcessLauncher(Optional.empty(), DynoPriority.of(9));
        java.util.List<Process> started = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 20; i++) {
                Process process = launcher.launchAsync("sleep 300 & wait", directory, Map.of("PATH", "/usr/bin:/bin")).join();
                launcher.yieldCpu(process.pid());
                started.add(process);
            }
            for (Process process : started) {
                ProcessGroup group = new ProcessGroup(process.pid());
                await().atMost(Duration.ofSeconds(10)).until(() -> group.liveMembers().size() == 2);
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    for (long pid : group.liveMembers()) {
                        assertThat(niceness(pid)).as("niceness of pid %d", pid).isEqualTo(9);
                    }
                });
                if (Files.exists(AUTOGROUP)) {
                    await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                            assertThat(autogroup(Path.of("/proc/" + process.pid() + "/autogroup"))).endsWith(" nice 9"));
                }
            }
        } finally {
            started.forEach(process -> new ProcessGroup(process.pid()).signal("KILL"));
        }
    }

    @Test
    void where_the_runner_can_make_a_cpu_cgroup_every_running_dyno_is_in_it_weighing_as_one_process_at_the_niceness()
            throws Exception {
        DynoPriority priority = DynoPriority.of(19, "jp-dynos-test-" + ProcessHandle.current().pid());
        Assumptions.assumeTrue(priority.cpuGroup().isPresent(), "a cgroup v1 cpu hierarchy the runner may write (root)");
        Path cgroup = priority.cpuGroup().get();
        String runnerGroup = cpuGroupOf(ProcessHandle.current().pid());
        launcher = new ProcessLauncher(Optional.empty(), priority);

        dyno = launcher.launch("sleep 300 & wait", directory, Map.of("PATH", "/usr/bin:/bin"));
        ProcessGroup group = new ProcessGroup(dyno.pid());
        await().atMost(Duration.ofSeconds(10)).until(() -> group.liveMembers().size() == 2);
        assertThat(cpuGroupOf(dyno.pid())).as("while booting").isEqualTo(runnerGroup);
        launcher.yieldCpu(dyno.pid());

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            for (long pid : group.liveMembers()) {
                assertThat(cpuGroupOf(pid)).as("cpu cgroup of pid %d", pid).endsWith("/" + cgroup.getFileName());
            }
        });
        assertThat(Files.readString(cgroup.resolve("cpu.shares")).trim()).as("the weight of one task at niceness 19").isEqualTo("15");
        assertThat(cpuGroupOf(ProcessHandle.current().pid())).as("the runner's own cgroup").isEqualTo(runnerGroup);

        stop();
        dyno = null;
        launcher = null;
        assertThat(cgroup).as("removed once empty").doesNotExist();
    }

    @Test
    void finds_the_cpu_controllers_hierarchy_in_the_mount_table() {
        assertThat(DynoCpuGroup.cpuMount(java.util.List.of(
                "31 23 0:28 / /sys/fs/cgroup rw,relatime - tmpfs tmpfs rw,mode=755",
                "33 31 0:30 / /sys/fs/cgroup/cpuacct rw,relatime - cgroup cgroup rw,cpuacct",
                "32 31 0:29 / /sys/fs/cgroup/cpu rw,relatime - cgroup cgroup rw,cpu"))).contains(Path.of("/sys/fs/cgroup/cpu"));
        assertThat(DynoCpuGroup.cpuMount(java.util.List.of(
                "25 22 0:22 / /sys/fs/cgroup/cpu,cpuacct rw,nosuid shared:9 - cgroup cgroup rw,cpu,cpuacct")))
                .contains(Path.of("/sys/fs/cgroup/cpu,cpuacct"));
        assertThat(DynoCpuGroup.cpuMount(java.util.List.of(
                "30 23 0:26 / /sys/fs/cgroup rw,nosuid shared:4 - cgroup2 cgroup2 rw,nsdelegate"))).as("cgroup v2 only").isEmpty();
    }

    @Test
    void zero_leaves_dynos_at_the_runners_priority() throws Exception {
        launcher = new ProcessLauncher(Optional.empty(), DynoPriority.of(0));

        dyno = launcher.launch("sleep 300", directory, Map.of("PATH", "/usr/bin:/bin"));
        launcher.yieldCpu(dyno.pid());

        await().atMost(Duration.ofSeconds(10)).until(() -> Files.exists(Path.of("/proc/" + dyno.pid() + "/stat")));
        assertThat(niceness(dyno.pid())).isEqualTo(niceness(ProcessHandle.current().pid()));
    }

    @Test
    void refuses_a_niceness_outside_0_to_19() {
        assertThatThrownBy(() -> DynoPriority.of(20)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DynoPriority.of(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    private java.util.List<Long> dynoProcesses() {
        java.util.List<Long> all = new java.util.ArrayList<>(ProcessTree.descendantsOf(dyno.pid()));
        all.add(dyno.pid());
        return all;
    }

    private static int niceness(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        return Integer.parseInt(stat.substring(stat.lastIndexOf(')') + 2).split(" ")[16]);
    }

    /** The process's group in the hierarchy with the cpu controller ({@code /proc/<pid>/cgroup}). */
    private static String cpuGroupOf(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/cgroup"))) {
            String[] fields = line.split(":", 3);
            if (fields.length == 3 && java.util.List.of(fields[1].split(",")).contains("cpu")) {
                return fields[2];
            }
        }
        return "";
    }

    private static String autogroup(Path file) throws IOException {
        return Files.readString(file).trim();
    }
}
