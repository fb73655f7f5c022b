package dev.jp.runner;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** How a dyno runner runs: its identity on the grid, where it keeps slugs, and the dyno life's timings. */
@ConfigMapping(prefix = "jp")
public interface RunnerConfig {

    /** log-router's base URL; dyno output and platform lines are posted to {@code <url>/logs} ({@code JP_LOG_ROUTER_URL}). */
    @WithDefault("http://127.0.0.1:5101")
    URI logRouterUrl();

    /** platform-api's base URL ({@code JP_API_URL}); a relative slug URL in {@code dynos.desired} is resolved against it. */
    @WithDefault("http://127.0.0.1:5100")
    URI apiUrl();

    /** This runner. */
    Runner runner();

    /** Dyno life: boot, stop, restart. */
    Dynos dynos();

    /** The runner's identity and resources. */
    interface Runner {

        /** False to start the service without running dynos (the tests of this module drive runners themselves). */
        @WithDefault("true")
        boolean enabled();

        /** This runner's host id, unique in the grid ({@code JP_RUNNER_HOST}); default: the machine's host name. */
        Optional<String> host();

        /** Where slugs are cached and dynos get their private copies ({@code JP_RUNNER_WORK_DIR}). */
        @WithDefault("${java.io.tmpdir}/jp-runner")
        Path workDir();

        /** The Kafka consumer group of all runners; its partition assignment places the dynos. */
        @WithDefault("jp-dyno-runners")
        String group();

        /** The user dynos run as when the runner runs as root. */
        @WithDefault("nobody")
        String dynoUser();

        /**
         * When the runner is root, each dyno runs as a uid of its own, the lowest free one from
         * here (10,000 of them; none needs an account), with the dyno user's group.
         */
        @WithDefault("40000")
        int firstDynoUid();

        /** The first port handed out as {@code $PORT}; each dyno gets a free one from here up. */
        @WithDefault("20000")
        int firstPort();

        /** The largest slug tarball accepted; an unpacked slug may be 4 times as large (platform-api's rule too). */
        @WithDefault("500000000")
        long maxSlugBytes();

        /**
         * How long the group waits for a silent runner before handing its dynos to the others; the
         * bound on failover after a runner is killed outright.
         */
        @WithDefault("10s")
        Duration sessionTimeout();

        /**
         * The niceness (1..19) of every process of a dyno once it is up (it boots at the runner's
         * priority), so user work yields the CPU to the platform's services on the same host (this runner, log-router, Kafka, platform-api) instead
         * of starving them; dynos still share the CPU equally among themselves, and take all of it
         * when the platform is idle. 0 runs dynos at the runner's own priority. See DynoPriority.
         * 19 rather than a milder 10: each dyno is a scheduling group of its own, so their weights
         * add up (200 dynos at 10 weigh 21 times a service at 0; at 19, 3 times), and in the
         * reliability soak the API's p99 under load was 12.6x idle at 10 and 4.1x at 19. Where the
         * runner can make a CPU cgroup, all running dynos share one that weighs as one process at
         * this niceness.
         */
        @WithDefault("19")
        int dynoNice();

        /** At most this many process starts per second on this runner, so a crash loop is never a fork bomb. */
        @WithDefault("200")
        int spawnsPerSecond();

        /**
         * The certificate (PEM) of the rendezvous where attached one-offs meet their users
         * ({@code JP_RUNNER_RENDEZVOUS_CA}; {@code jp up} sets it); default: the JDK's trusted CAs.
         */
        Optional<Path> rendezvousCa();

        /** How long an attached one-off waits at the rendezvous for its user before it is given up (R13). */
        @WithDefault("60s")
        Duration attachTimeout();
    }

    /** The timings of a dyno's life (DESIGN.md, "Defaults"). */
    interface Dynos {

        /** How long a web dyno may take to accept connections on {@code $PORT} before R10. */
        @WithDefault("60s")
        Duration bootTimeout();

        /** SIGTERM → SIGKILL grace period, unless {@link #stopGraceByType()} names the process type. */
        @WithDefault("30s")
        Duration stopGrace();

        /** Grace periods per process type, such as {@code jp.dynos.stop-grace-by-type.worker=60s}. */
        Map<String, Duration> stopGraceByType();

        /** The delay before the second consecutive crash restarts; it doubles per crash after that. */
        @WithDefault("1s")
        Duration backoffInitial();

        /** The longest restart delay. */
        @WithDefault("5m")
        Duration backoffMax();

        /** Random spread of each restart delay, as a fraction (0.1 = ±10 %). */
        @WithDefault("0.1")
        double backoffJitter();

        /** A dyno up at least this long before it crashes counts its crashes afresh. */
        @WithDefault("10m")
        Duration forgiveAfter();

        /** How often each dyno's CPU and memory are sampled and logged as runtime metrics. */
        @WithDefault("20s")
        Duration statsInterval();

        /**
         * Memory quotas in MB per dyno size, over Heroku's ({@code eco}, {@code basic},
         * {@code standard-1X} 512, {@code standard-2X} 1024, {@code performance-M} 2560,
         * {@code performance-L} 14336; any other size 512): such as
         * {@code jp.dynos.memory-quota-mb.standard-1X=1024}. Above it R14, above twice it R15 and SIGKILL.
         */
        Map<String, Long> memoryQuotaMb();

        /**
         * How often the host's listening sockets are looked at while web dynos start (one look
         * serves all of them), to tell when each accepts on its {@code $PORT}.
         */
        @WithDefault("5ms")
        Duration bindProbeInterval();
    }
}
