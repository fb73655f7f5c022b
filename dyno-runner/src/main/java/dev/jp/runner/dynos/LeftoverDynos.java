package dev.jp.runner.dynos;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * The process groups of this runner's dynos, one file each under {@code <work>/<host>/groups}, so a
 * runner that was killed outright cleans up after itself when it starts again. The parent-death
 * signal takes each dyno's shell with the runner, but not a background child of the shell
 * ({@code sh -c 'sleep 1000 & wait'}), which would run on as an orphan in the old group.
 *
 * <p>A recorded group is killed only if its processes still carry the dyno's {@code JP_APP} and
 * {@code PS} in their environment, so a group id reused by some other program is left alone. A
 * runner killed between forking a dyno and recording it leaves no record, so any process whose
 * working directory or {@code HOME} lies in this runner's dyno copies counts as left over too.
 */
final class LeftoverDynos {

    private static final Logger LOG = Logger.getLogger(LeftoverDynos.class);

    private final Path dir;
    private final Path dynoCopies;
    /**
     * Records are written and deleted on one thread of their own, in the order asked: a file created
     * per start (and deleted per stop) on the supervisor held up every other start behind the
     * filesystem's journal while a hundred dynos started. A runner killed before its record is
     * written is covered like one killed before recording at all (see above).
     */
    private final ExecutorService writer = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "jp-dyno-groups");
        thread.setDaemon(true);
        return thread;
    });

    /**
     * @param dir        where the groups are recorded
     * @param dynoCopies the root of this runner's dyno directories
     */
    LeftoverDynos(Path dir, Path dynoCopies) {
        this.dir = dir;
        this.dynoCopies = dynoCopies.toAbsolutePath().normalize();
    }

    void record(long group, String app, String slot) {
        inOrder(() -> write(group, app, slot));
    }

    private void write(long group, String app, String slot) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(Long.toString(group)), marker(app, slot));
        } catch (IOException e) {
            LOG.warnf("cannot record process group %d of %s %s: %s", group, app, slot, e.getMessage());
        }
    }

    void forget(long group) {
        inOrder(() -> delete(group));
    }

    private void inOrder(Runnable change) {
        try {
            writer.execute(change);
        } catch (RejectedExecutionException closed) {
            change.run(); // after close: late, but still recorded
        }
    }

    /** Writes what is queued, then ends the writing thread. */
    void close() {
        writer.shutdown();
    }

    private void delete(long group) {
        try {
            Files.deleteIfExists(dir.resolve(Long.toString(group)));
        } catch (IOException e) {
            // A stale record is checked against the processes' environment before anything is killed.
        }
    }

    /** Kills what is left of the dynos of an earlier run of this runner; returns how many groups it killed. */
    int killAll() {
        Set<Long> groups = new TreeSet<>();
        if (Files.isDirectory(dir)) {
            try (DirectoryStream<Path> records = Files.newDirectoryStream(dir)) {
                for (Path record : records) {
                    ProcessGroup group = new ProcessGroup(Long.parseLong(record.getFileName().toString()));
                    String marker = Files.readString(record);
                    if (group.liveMembers().stream().anyMatch(pid -> carries(pid, marker))) {
                        groups.add(group.id());
                    }
                    Files.deleteIfExists(record);
                }
            } catch (IOException | NumberFormatException e) {
                LOG.warnf("cannot check for leftover dynos in %s: %s", dir, e.getMessage());
            }
        }
        groups.addAll(groupsInDynoCopies());
        for (long id : groups) {
            LOG.infof("killing process group %d left by an earlier run", id);
            new ProcessGroup(id).signal("KILL");
        }
        return groups.size();
    }

    /** The groups of live processes working or living in this runner's dyno copies. */
    private Set<Long> groupsInDynoCopies() {
        Set<Long> groups = new TreeSet<>();
        String prefix = dynoCopies + "/";
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of("/proc"),
                p -> p.getFileName().toString().chars().allMatch(Character::isDigit))) {
            for (Path entry : entries) {
                ProcessGroup.Stat stat = ProcessGroup.Stat.read(entry.resolve("stat"));
                if (stat == null || stat.state() == 'Z') {
                    continue;
                }
                String cwd = "";
                try {
                    cwd = Files.readSymbolicLink(entry.resolve("cwd")).toString();
                } catch (IOException | UnsupportedOperationException e) {
                    // gone, or not ours to read
                }
                if (cwd.startsWith(prefix) || home(entry).startsWith(prefix)) {
                    groups.add(stat.processGroup());
                }
            }
        } catch (IOException e) {
            LOG.warnf("cannot look for leftover dynos: %s", e.getMessage());
        }
        return groups;
    }

    private static String home(Path process) {
        try {
            String environ = new String(Files.readAllBytes(process.resolve("environ")), StandardCharsets.UTF_8);
            for (String pair : environ.split("\0")) {
                if (pair.startsWith("HOME=")) {
                    return pair.substring("HOME=".length());
                }
            }
        } catch (IOException e) {
            // gone
        }
        return "";
    }

    private static String marker(String app, String slot) {
        return "JP_APP=" + app + "\0PS=" + slot;
    }

    private static boolean carries(long pid, String marker) {
        try {
            String environ = new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "environ")), StandardCharsets.UTF_8);
            String[] parts = marker.split("\0");
            return ("\0" + environ).contains("\0" + parts[0] + "\0") && ("\0" + environ).contains("\0" + parts[1] + "\0");
        } catch (IOException e) {
            return false;
        }
    }
}
