package dev.jp.runner;

import dev.jp.events.TopicPolicy;
import dev.jp.events.logplex.LogShipper;
import dev.jp.runner.dynos.DynoPriority;
import dev.jp.runner.dynos.DynoSupervisor;
import dev.jp.runner.dynos.DynoView;
import dev.jp.runner.dynos.ProcessLauncher;
import dev.jp.runner.output.DynoLog;
import dev.jp.runner.placement.DesiredDynoConsumer;
import dev.jp.runner.placement.TopicSetup;
import dev.jp.runner.slugs.DynoDirectories;
import dev.jp.runner.slugs.DynoUids;
import dev.jp.runner.slugs.DynoUser;
import dev.jp.runner.slugs.SlugCache;
import dev.jp.runner.state.DynoStatePublisher;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One dyno runner: joins the group on {@code dynos.desired}, runs the slots of its partitions as
 * processes on this host, reports their states on {@code platform.events} and ships their logs.
 * The service starts one; tests start several in one JVM.
 */
public final class DynoRunner implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(DynoRunner.class);

    private final String host;
    private final RunnerConfig config;
    private final DynoLog log;
    private final LogShipper shipper;
    private final DynoStatePublisher publisher;
    private final DynoSupervisor supervisor;
    private final DesiredDynoConsumer consumer;

    private DynoRunner(String host, RunnerConfig config, DynoLog log, LogShipper shipper, DynoStatePublisher publisher,
                       DynoSupervisor supervisor, DesiredDynoConsumer consumer) {
        this.host = host;
        this.config = config;
        this.log = log;
        this.shipper = shipper;
        this.publisher = publisher;
        this.supervisor = supervisor;
        this.consumer = consumer;
    }

    public static DynoRunner start(RunnerConfig config, String bootstrapServers) {
        String host = config.runner().host().orElseGet(DynoRunner::hostName);
        Path work = config.runner().workDir().resolve(host);
        TopicSetup.ensure(bootstrapServers, List.of(TopicPolicy.dynosDesired(), TopicPolicy.platformEvents(),
                TopicPolicy.dynosStats()));

        Optional<DynoUser> user = DynoUser.forRunner(config.runner().dynoUser());
        if (user.isPresent()) {
            // Dynos need only their own copies: the shared cache of every app's slugs is the runner's alone.
            ownerOnly(config.runner().workDir().resolve("slugs"));
        }
        LogShipper shipper = new LogShipper(LogShipper.Settings.defaults(config.logRouterUrl(), host));
        DynoLog log = new DynoLog(shipper, host, Clock.systemUTC());
        DynoStatePublisher publisher = new DynoStatePublisher(bootstrapServers, "runner-" + host);
        ExecutorService io = Executors.newCachedThreadPool(daemon("jp-slug-io-" + host));
        DynoSupervisor supervisor = new DynoSupervisor(config, host,
                new SlugCache(config.apiUrl(), config.runner().workDir().resolve("slugs"), config.runner().maxSlugBytes(), io),
                new DynoDirectories(work.resolve("dynos"), user, user.map(u -> new DynoUids(
                        Path.of(System.getProperty("java.io.tmpdir"), "jp-dyno-uids"), config.runner().firstDynoUid()))),
                new ProcessLauncher(user, DynoPriority.of(config.runner().dynoNice(), "jp-dynos-" + host.replaceAll("[^A-Za-z0-9._-]", "_"))),
                publisher, log, io,
                work.resolve("groups"));
        DesiredDynoConsumer consumer = new DesiredDynoConsumer(bootstrapServers, config.runner().group(),
                "runner-" + host, config.runner().sessionTimeout(), supervisor);
        consumer.start();
        LOG.infof("runner %s joined group %s%s", host, config.runner().group(),
                user.map(u -> "; dynos run as " + u.name()).orElse(""));
        return new DynoRunner(host, config, log, shipper, publisher, supervisor, consumer);
    }

    private static void ownerOnly(Path directory) {
        try {
            Files.createDirectories(directory);
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + directory, e);
        }
    }

    public String host() {
        return host;
    }

    /** The dynos this runner runs right now. */
    public List<DynoView> dynos() {
        return supervisor.dynos();
    }

    /** Leaves the group and stops every dyno gracefully (each within its grace period). */
    @Override
    public void close() {
        consumer.close();
        Duration grace = config.dynos().stopGrace();
        Duration longestGrace = config.dynos().stopGraceByType().values().stream()
                .filter(perType -> perType.compareTo(grace) > 0).max(Duration::compareTo).orElse(grace);
        supervisor.close(longestGrace.plusSeconds(10));
        publisher.close();
        log.close();
        shipper.close();
        LOG.infof("runner %s stopped", host);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread thread = new Thread(r, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
