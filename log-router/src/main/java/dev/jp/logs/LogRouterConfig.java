package dev.jp.logs;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** log-router's settings; each also comes from the environment ({@code JP_LOG_SESSION_SECRET}, ...). */
@ConfigMapping(prefix = "jp")
public interface LogRouterConfig {

    /**
     * The secret platform-api signs {@code logplex_url}s with ({@code JP_LOG_SESSION_SECRET}); both
     * services must have the same. Without it the router makes up a random one and says so: it then
     * serves no session that platform-api hands out.
     */
    Optional<String> logSessionSecret();

    /**
     * Where clients reach this router ({@code JP_LOG_ROUTER_PUBLIC_URL}); platform-api builds
     * {@code logplex_url}s on it. Only logged here, to show which address a node serves.
     */
    Optional<String> logRouterPublicUrl();

    /** How long and how much of each app's log {@code logs.<app>} keeps. */
    Retention logRetention();

    /** Tail sessions ({@code GET /sessions/{id}}). */
    Tail tail();

    /** The {@code POST /logs} intake. */
    Intake intake();

    /** Retention of {@code logs.<app>}, applied when the topic is created. */
    interface Retention {

        /** How long a line is kept: Kafka's {@code retention.ms}. */
        @WithDefault("7d")
        Duration time();

        /** How many bytes an app keeps: Kafka's {@code retention.bytes}. */
        @WithDefault("1073741824")
        long bytes();
    }

    /** How tails behave. */
    interface Tail {

        /** Lines a tail may have waiting for its client; beyond that the oldest are dropped (L11). */
        @WithDefault("1024")
        int buffer();

        /** How often an idle stream gets a {@code : heartbeat} comment, so proxies keep it open. */
        @WithDefault("10s")
        Duration heartbeat();

        /**
         * How long after a session's {@code expiresAt} a tail may still reconnect with
         * {@code Last-Event-ID} (the CLI reconnects 3 s after a stream closes). A first connection
         * after {@code expiresAt} is refused.
         */
        @WithName("reconnect-window")
        @WithDefault("24h")
        Duration reconnectWindow();
    }

    /** Log drains. */
    Drains drains();

    /** How drains ship. */
    interface Drains {

        /** Whether this node ships drains at all (it shares them with the other nodes through a consumer group). */
        @WithDefault("true")
        boolean enabled();

        /** Lines a drain may have waiting; beyond that the oldest are dropped (L10). */
        @WithDefault("1024")
        int buffer();

        /** The first pause between tries of a batch; doubled per try, with jitter. */
        @WithDefault("1s")
        Duration retryBackoff();

        /** The longest pause before the next batch after batches kept failing. */
        @WithDefault("300s")
        Duration maxBackoff();

        /** How long one HTTPS request, or one syslog connect, may take. */
        @WithDefault("10s")
        Duration timeout();

        /**
         * The ports of the platform's other services on this machine when they are not DESIGN.md's
         * defaults ({@code JP_DRAINS_PLATFORM_PORTS=5200,5203}): a drain whose host resolves to this
         * machine may not connect to them, nor to this router's own ports or Kafka's.
         */
        Optional<List<Integer>> platformPorts();
    }

    /** Limits of the intake. */
    interface Intake {

        /**
         * The largest request body, as sent (runners send at most 100 kB); a larger one is refused
         * (413) by its Content-Length, or as soon as it has sent more, never read whole.
         */
        @WithDefault("1048576")
        int maxBodyBytes();

        /** The largest body a gzip request may inflate to; beyond it the request is refused (413). */
        @WithDefault("16777216")
        int maxInflatedBytes();

        /**
         * The port of the TCP syslog intake (octet-counted frames, the intake token in each frame's
         * HOSTNAME); none unless set. {@code 0} picks a free port (tests).
         */
        OptionalInt syslogPort();
    }
}
