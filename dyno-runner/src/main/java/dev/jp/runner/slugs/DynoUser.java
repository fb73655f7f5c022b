package dev.jp.runner.slugs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The unprivileged account whose group dynos run in when the runner is root: a dyno must never
 * hold the runner's privileges. Each dyno gets a uid of its own besides ({@link DynoUids}), which
 * owns its private slug copy, so the dyno can write there and no other dyno can.
 *
 * @param name the account name, as configured
 * @param uid  its user id
 * @param gid  its primary group id
 */
public record DynoUser(String name, int uid, int gid) {

    /** The account to switch to, or empty when the runner is not root (dynos then run as the runner's user). */
    public static Optional<DynoUser> forRunner(String configured) {
        if (!runnerIsRoot()) {
            return Optional.empty();
        }
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] fields = line.split(":");
                if (fields.length > 3 && (fields[0].equals(configured) || fields[2].equals(configured))) {
                    int uid = Integer.parseInt(fields[2]);
                    if (uid == 0) {
                        throw new IllegalStateException("dyno user " + configured + " is root");
                    }
                    return Optional.of(new DynoUser(fields[0], uid, Integer.parseInt(fields[3])));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("the runner runs as root and dyno user " + configured + " does not exist");
    }

    private static boolean runnerIsRoot() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[2].equals("0"); // the effective uid
                }
            }
        } catch (IOException e) {
            // No /proc: assume the common, unprivileged case.
        }
        return "root".equals(System.getProperty("user.name"));
    }
}
