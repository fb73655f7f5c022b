package dev.jp.runner.slugs;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.UserPrincipal;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Each start of a dyno gets a fresh copy of its slug, so its writes are never seen by another
 * dyno or by its own next start. Copies live under {@code <work>/dynos/<app>/<slot>-<n>} and are
 * deleted when the process is gone.
 */
public final class DynoDirectories {

    private static final AtomicLong SEQUENCE = new AtomicLong();

    private final Path root;
    private final Optional<DynoUser> owner;
    private final Optional<DynoUids> uids;
    private final Map<Path, DynoUids.Lease> leases = new ConcurrentHashMap<>();

    /**
     * @param uids when the runner is root: a uid of its own for each copy (see {@link #uidOf})
     */
    public DynoDirectories(Path root, Optional<DynoUser> owner, Optional<DynoUids> uids) {
        this.root = root;
        this.owner = owner;
        this.uids = owner.isPresent() ? uids : Optional.empty();
    }

    /**
     * A private copy of the unpacked slug. When the runner is root, the copy belongs to a uid that
     * no other dyno of the host has (group: the dyno user's), and only that uid may enter it.
     */
    public Path freshCopy(Path slug, String app, String slot) throws IOException {
        Path appDir = root.resolve(app);
        Files.createDirectories(appDir);
        Path target = appDir.resolve(slot + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet());
        Tree.delete(target);
        Optional<Owner> principals = Optional.empty();
        if (uids.isPresent()) {
            DynoUids.Lease lease = uids.get().lease();
            leases.put(target, lease);
            principals = Optional.of(Owner.of(lease.uid(), owner.get().gid()));
        }
        try {
            copy(slug, target, principals);
            if (principals.isPresent()) {
                Files.setPosixFilePermissions(target, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
            }
        } catch (IOException | RuntimeException e) {
            delete(target);
            throw e;
        }
        return target;
    }

    /** The uid a dyno in this copy runs as: the copy's owner, who alone may write in it. */
    public static int uidOf(Path copy) throws IOException {
        return (Integer) Files.getAttribute(copy, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    }

    private static void copy(Path slug, Path target, Optional<Owner> principals) throws IOException {
        Files.walkFileTree(slug, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(slug.relativize(dir).toString());
                Files.copy(dir, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                chown(copy, principals);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path copy = target.resolve(slug.relativize(file).toString());
                Files.copy(file, copy, StandardCopyOption.COPY_ATTRIBUTES, LinkOption.NOFOLLOW_LINKS);
                chown(copy, principals);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    /** Where this runner's copies live. */
    public Path root() {
        return root;
    }

    /** Removes every copy: at start, the copies of an earlier run are garbage. */
    public void deleteAll() {
        delete(root);
    }

    /** Removes a copy whose process is gone, and frees its uid. */
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

    private static void chown(Path path, Optional<Owner> principals) throws IOException {
        if (principals.isPresent()) {
            PosixFileAttributeView view = Files.getFileAttributeView(path, PosixFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS);
            view.setOwner(principals.get().user());
            view.setGroup(principals.get().group());
        }
    }

    private record Owner(UserPrincipal user, GroupPrincipal group) {
        static Owner of(int uid, int gid) throws IOException {
            UserPrincipalLookupService lookup = java.nio.file.FileSystems.getDefault().getUserPrincipalLookupService();
            return new Owner(lookup.lookupPrincipalByName(Integer.toString(uid)),
                    lookup.lookupPrincipalByGroupName(Integer.toString(gid)));
        }
    }
}
