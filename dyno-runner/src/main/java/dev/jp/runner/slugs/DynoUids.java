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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * User ids for dynos, one per running dyno on the host, so that no dyno can write into another's
 * directory, signal its processes or read its {@code /proc/<pid>/environ} (which holds its app's
 * config vars). A uid is taken by locking its file in a directory that every runner of the host
 * shares; the kernel drops the lock when its runner dies, however it dies, so a uid is never lost.
 */
public final class DynoUids {

    /** How many uids, from the first, dynos may use: more than one host ever runs at once. */
    static final int COUNT = 10_000;

    /**
     * The lock files this JVM holds, whichever instance took them: the JVM refuses a second lock on a
     * file it holds ({@link OverlappingFileLockException}, an exception per held uid and lease), so
     * those are skipped without asking the kernel.
     */
    private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

    /** A held uid; {@link #close()} gives it back. */
    public record Lease(int uid, FileLock lock, Path file) implements AutoCloseable {
        @Override
        public void close() {
            try {
                lock.channel().close();
            } catch (IOException e) {
                // Closing a lock file cannot fail in a way that keeps the lock.
            } finally {
                HELD_HERE.remove(file);
            }
        }
    }

    private final Path locks;
    private final int first;
    /** Where the next search starts (an offset from {@link #first}): just after the last uid leased. */
    private int next;

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

    /**
     * A uid no dyno of this host holds: the first free one after the last one leased, so a lease
     * usually costs one lock (not one per running dyno), and a uid just given back is not handed out
     * again at once.
     */
    public synchronized Lease lease() throws IOException {
        for (int tried = 0; tried < COUNT; tried++) {
            int offset = (next + tried) % COUNT;
            Path file = locks.resolve(Integer.toString(first + offset));
            if (!HELD_HERE.add(file)) {
                continue;
            }
            FileLock lock = null;
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException heldByThisJvm) {
                // taken outside this class; not expected, but never fatal
            } finally {
                if (lock == null) {
                    channel.close();
                    HELD_HERE.remove(file);
                }
            }
            if (lock != null) {
                next = (offset + 1) % COUNT;
                return new Lease(first + offset, lock, file);
            }
        }
        throw new IOException("all " + COUNT + " dyno uids from " + first + " are in use on this host");
    }
}
