package dev.jp.runner.slugs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * User ids for dynos, one per running dyno on the host, so that no dyno can write into another's
 * directory, signal its processes or read its {@code /proc/<pid>/environ} (which holds its app's
 * config vars). A uid is taken by locking its file in a directory that every runner of the host
 * shares; the kernel drops the lock when its runner dies, however it dies, so a uid is never lost.
 */
public final class DynoUids {

    /** How many uids, from the first, dynos may use: more than one host ever runs at once. */
    static final int COUNT = 10_000;

    private final Path locks;
    private final int first;

    /** A held uid; {@link #close()} gives it back. */
    public record Lease(int uid, FileLock lock) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.channel().close();
            } catch (IOException e) {
                // Closing a lock file cannot fail in a way that keeps the lock.
            }
        }
    }

    public DynoUids(Path locks, int first) {
        this.locks = locks;
        this.first = first;
        try {
            Files.createDirectories(locks);
            Files.setPosixFilePermissions(locks, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + locks, e);
        }
    }

    /** The lowest uid no dyno of this host holds. */
    public Lease lease() throws IOException {
        for (int uid = first; uid < first + COUNT; uid++) {
            FileChannel channel = FileChannel.open(locks.resolve(Integer.toString(uid)),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                FileLock lock = channel.tryLock();
                if (lock != null) {
                    return new Lease(uid, lock);
                }
            } catch (OverlappingFileLockException heldByThisJvm) {
                // another runner in this JVM (tests) holds it
            }
            channel.close();
        }
        throw new IOException("all " + COUNT + " dyno uids from " + first + " are in use on this host");
    }
}
