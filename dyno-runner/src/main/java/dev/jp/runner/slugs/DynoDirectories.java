package dev.jp.runner.slugs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;

/**
 * Each start of a dyno gets a fresh copy of its slug, so its writes are never seen by another
 * dyno or by its own next start. Copies live under {@code <work>/dynos/<app>/<slot>-<n>} and are
 * deleted when the process is gone; copies made ahead wait in {@code <work>/dynos/.spares}.
 *
 * <p>Copies made ahead (spares) are made only while no start waits for a copy or a fork, so that
 * a scale-up's hundred spares do not compete with its hundred starts for the cores. A spare no
 * process ever ran in stays pristine, so when its dyno is removed it is {@linkplain #keep kept}
 * for the next start of the same slug (a scale-down, then up again, copies nothing) for
 * {@link #KEEP_FOR}, then deleted: no more of them are kept than dynos of that slug ran at once.
 *
 * <p>When the runner is root, each copy belongs to a uid that no other dyno of the host has
 * (group: the dyno user's), and only that uid may enter it; the dyno runs as that uid.
 */
public final class DynoDirectories {

    private static final AtomicLong SEQUENCE = new AtomicLong();
    /** How long a removed dyno's unused spare waits for another start of its slug. */
    static final Duration KEEP_FOR = Duration.ofMinutes(10);
    /** How soon a spare waiting for the starts to finish looks again. */
    private static final Duration SPARE_RETRY = Duration.ofMillis(20);

    private final Path root;
    private final Optional<DynoUser> owner;
    private final Optional<DynoUids> uids;
    private final Map<Path, DynoUids.Lease> leases = new ConcurrentHashMap<>();

    /**
     * Copies run here, as many at once as there are cores (a copy is disk and CPU work), on threads
     * started in advance: a start should not wait for a thread to be created.
     */
    private final ThreadPoolExecutor copier;
    /** Copies made ahead wait their turn on one thread of their own, never in front of a start's copy. */
    private final ScheduledThreadPoolExecutor spareCopier;
    /** Fresh copies asked for and not yet made. */
    private final AtomicInteger freshPending = new AtomicInteger();
    /** Other start work under way (forks not yet returned): spares wait for it too. */
    private volatile IntSupplier otherStartsPending = () -> 0;
    /** By slug checksum: pristine spares of removed dynos, newest last. */
    private final Map<String, Deque<Path>> kept = new ConcurrentHashMap<>();

    /**
     * @param uids when the runner is root: a uid of its own for each copy (see {@link #uidOf})
     */
    public DynoDirectories(Path root, Optional<DynoUser> owner, Optional<DynoUids> uids) {
        this.root = root;
        this.owner = owner;
        this.uids = owner.isPresent() ? uids : Optional.empty();
        this.copier = copyThreads("jp-slug-copy-", Runtime.getRuntime().availableProcessors());
        this.spareCopier = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "jp-slug-spare");
            thread.setDaemon(true);
            return thread;
        });
        spareCopier.setRemoveOnCancelPolicy(true);
    }

    /** Spare copies also wait while {@code pending} is above zero (the launcher's forks, say). */
    public void deferSparesWhile(IntSupplier pending) {
        this.otherStartsPending = pending;
    }

    /** {@link #freshCopy} on a copy thread. */
    public CompletableFuture<Path> freshCopyAsync(Path slug, String app, String slot) {
        freshPending.incrementAndGet();
        return CompletableFuture.supplyAsync(() -> {
            try {
                return freshCopy(slug, app, slot);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy the slug: " + e.getMessage(), e);
            } finally {
                freshPending.decrementAndGet();
            }
        }, copier);
    }

    /** {@link #spareCopy} on the spare thread, once no start waits for a copy or a fork. */
    public CompletableFuture<Path> spareCopyAsync(Path slug) {
        return spareCopyAsync(slug, Duration.ZERO);
    }

    /** {@link #spareCopy} on the spare thread, {@code notBefore} from now and once no start waits for a copy or a fork. */
    public CompletableFuture<Path> spareCopyAsync(Path slug, Duration notBefore) {
        CompletableFuture<Path> spare = new CompletableFuture<>();
        spareCopier.schedule(() -> spareWhenIdle(slug, spare), notBefore.toNanos(), TimeUnit.NANOSECONDS);
        return spare;
    }

    private void spareWhenIdle(Path slug, CompletableFuture<Path> spare) {
        if (freshPending.get() > 0 || otherStartsPending.getAsInt() > 0) {
            spareCopier.schedule(() -> spareWhenIdle(slug, spare), SPARE_RETRY.toNanos(), TimeUnit.NANOSECONDS);
            return;
        }
        try {
            spare.complete(spareCopy(slug));
        } catch (IOException | RuntimeException e) {
            spare.completeExceptionally(new UncheckedIOException("cannot copy the slug ahead: " + e.getMessage(),
                    e instanceof IOException io ? io : new IOException(e)));
        }
    }

    /**
     * Keeps a removed dyno's spare (once made) for the next start of the same slug, for {@link #KEEP_FOR}.
     * Only a spare no process has run in may be kept: one that was never {@linkplain #claim claimed}.
     */
    public void keep(String checksum, CompletableFuture<Path> spare) {
        spare.thenAccept(copy -> {
            Deque<Path> copies = kept.computeIfAbsent(checksum, c -> new ConcurrentLinkedDeque<>());
            copies.addLast(copy);
            try {
                spareCopier.schedule(() -> {
                    if (copies.remove(copy)) {
                        delete(copy);
                    }
                }, KEEP_FOR.toNanos(), TimeUnit.NANOSECONDS);
            } catch (RejectedExecutionException closed) {
                // The runner is closing; its next start deletes every copy.
            }
        });
    }

    /** A kept spare of this slug, taken (so no other start gets it), or null. */
    public Path takeKept(String checksum) {
        Deque<Path> copies = kept.get(checksum);
        return copies == null ? null : copies.pollLast();
    }

    /** Ends the copy threads. */
    public void close() {
        copier.shutdownNow();
        spareCopier.shutdownNow();
    }

    private static ThreadPoolExecutor copyThreads(String prefix, int threads) {
        AtomicLong count = new AtomicLong();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread thread = new Thread(r, prefix + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        pool.prestartAllCoreThreads();
        return pool;
    }

    /** A private copy of the unpacked slug for one start. */
    public Path freshCopy(Path slug, String app, String slot) throws IOException {
        Path target = newCopyName(app, slot);
        copyTree(slug, target);
        return target;
    }

    /**
     * A private copy of the unpacked slug made ahead of the start that will use it, so a restart
     * need not wait for a copy. Spares live in a directory only the runner can enter, so no dyno
     * sees one before {@link #claim} hands it to exactly one start.
     */
    private Path spareCopy(Path slug) throws IOException {
        Path spares = root.resolve(".spares");
        if (!Files.isDirectory(spares)) {
            Files.createDirectories(spares);
            Files.setPosixFilePermissions(spares, PosixFilePermissions.fromString("rwx------"));
        }
        Path target = spares.resolve(ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        copyTree(slug, target);
        return target;
    }

    /** Moves a spare copy into place for one start (a rename: no copying while a dyno waits); its uid goes with it. */
    public Path claim(Path spare, String app, String slot) throws IOException {
        Path target = newCopyName(app, slot);
        Files.move(spare, target, StandardCopyOption.ATOMIC_MOVE);
        DynoUids.Lease lease = leases.remove(spare);
        if (lease != null) {
            leases.put(target, lease);
        }
        return target;
    }

    private Path newCopyName(String app, String slot) throws IOException {
        Path appDir = root.resolve(app);
        Files.createDirectories(appDir);
        Path target = appDir.resolve(slot + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Tree.delete(target);
        return target;
    }

    /** Copies the slug to {@code target}, owned by a uid leased for it when the runner is root. */
    private void copyTree(Path slug, Path target) throws IOException {
        Optional<Ids> ids = Optional.empty();
        if (uids.isPresent()) {
            DynoUids.Lease lease = uids.get().lease();
            leases.put(target, lease);
            ids = Optional.of(new Ids(lease.uid(), owner.get().gid()));
        }
        Optional<Ids> owners = ids;
        try {
            Files.walkFileTree(slug, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                    Path copy = target.resolve(slug.relativize(dir).toString());
                    Files.copy(dir, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    chown(copy, owners);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Path copy = target.resolve(slug.relativize(file).toString());
                    Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                    chown(copy, owners);
                    return FileVisitResult.CONTINUE;
                }
            });
            if (owners.isPresent()) {
                Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | RuntimeException e) {
            delete(target);
            throw e;
        }
    }

    /** The uid a dyno in this copy runs as: the copy's owner, who alone may write in it. */
    public static int uidOf(Path copy) throws IOException {
        return (Integer) Files.getAttribute(copy, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    /** Where this runner's copies live. */
    public Path root() {
        return root;
    }

    /** Removes every copy: at start, the copies of an earlier run are garbage. */
    public void deleteAll() {
        delete(root);
    }

    /** Removes a copy (or an unused spare) whose process is gone, and frees its uid. */
    public void delete(Path copy) {
        try {
            Tree.delete(copy);
        } catch (IOException e) {
            // A leftover directory costs disk, not correctness: every start uses a new name.
        } finally {
            DynoUids.Lease lease = leases.remove(copy);
            if (lease != null) {
                lease.close();
            }
        }
    }

    /** Numeric owner and group, set directly: a principal lookup per file would read the user database. */
    private static void chown(Path path, Optional<Ids> owners) throws IOException {
        if (owners.isPresent()) {
            Files.setAttribute(path, "unix:uid", owners.get().uid(), LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(path, "unix:gid", owners.get().gid(), LinkOption.NOFOLLOW_LINKS);
        }
    }

    private record Ids(int uid, int gid) {
    }
}
