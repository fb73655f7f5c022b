package dev.jp.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** platform-api's settings; each is also an environment variable ({@code jp.blob-dir} → {@code JP_BLOB_DIR}). */
@ConfigMapping(prefix = "jp")
public interface ApiConfig {

    /** The API token of the default account, created at start when set ({@code jp up} sets it). */
    Optional<String> bootstrapToken();

    /** The email of the default account. */
    @WithDefault("dev@jp.local")
    String bootstrapEmail();

    /** Where slug tarballs are stored, one file per slug. */
    @WithDefault("${java.io.tmpdir}/jp-blobs")
    Path blobDir();

    /** This API's address as runners and clients reach it: slug URLs and blob upload URLs are built on it. */
    @WithDefault("http://127.0.0.1:5100")
    String apiPublicUrl();

    /** log-router's intake, where the API posts its {@code app[api]} lines. */
    @WithDefault("http://127.0.0.1:5101")
    String logRouterUrl();

    /** log-router's address as clients reach it: the base of {@code logplex_url}. */
    @WithDefault("http://127.0.0.1:5101")
    String logRouterPublicUrl();

    /** The key that signs log-session URLs; log-router verifies with the same key. */
    Optional<String> logSessionSecret();

    /**
     * This API's name among the platform's APIs, the same across its restarts and different from every
     * other API's: the projector's static member id in its consumer group, so that an API restarted
     * after a crash takes its own place at once instead of waiting out its dead self's session.
     * Default: {@code <host name>-<HTTP port>}.
     */
    Optional<String> nodeId();

    /** How many dynos one app may run at most. */
    @WithDefault("100")
    int dynoQuota();

    /** The largest slug tarball accepted, in bytes (500 MB). */
    @WithDefault("524288000")
    long maxSlugBytes();

    /** How long a write waits for its event to be appended and projected before answering 503. */
    @WithDefault("10s")
    Duration writeTimeout();

    /** Where attached one-off dynos meet their users' terminals ({@code heroku run}). */
    Rendezvous rendezvous();

    /** The TLS rendezvous server ({@code jp.rendezvous.*}). */
    interface Rendezvous {

        /** The interface it listens on. */
        @WithDefault("127.0.0.1")
        String host();

        /** Its TLS port; 0 picks a free one (tests). */
        @WithDefault("5102")
        int port();

        /** The host in {@code attach_url}s: clients and runners connect to it, and the certificate names it. */
        @WithDefault("127.0.0.1")
        String publicHost();

        /** The port in {@code attach_url}s, when a proxy or NAT changes it; default: the port it listens on. */
        Optional<Integer> publicPort();

        /**
         * The key that signs rendezvous secrets; default: derived from {@code jp.log-session-secret},
         * else random at each start (then a restart invalidates the secrets handed out before it).
         */
        Optional<String> secret();

        /**
         * The PKCS#12 key store with the server's key and certificate; made (self-signed, by
         * {@code keytool}) when the file does not exist, with the certificate as PEM beside it in
         * {@code rendezvous-ca.pem} for clients to trust.
         */
        @WithDefault("${java.io.tmpdir}/jp-rendezvous/rendezvous.p12")
        Path keyStore();

        /** The key store's password. */
        @WithDefault("jp-rendezvous")
        String keyStorePassword();

        /** How long one side waits for the other before it is disconnected. */
        @WithDefault("90s")
        Duration pairingTimeout();

        /**
         * How long after a one-off's request its {@code attach_url} can bring its user and its dyno
         * together; once they met, it opens nothing more. The client connects at once and the runner
         * as soon as the slug is ready (it then waits {@code jp.runner.attach-timeout}, 60 s, for the
         * user), so minutes are plenty; an unused secret stops working after that.
         */
        @WithDefault("5m")
        Duration secretLifetime();

        /**
         * How long a client stays connected after its dyno's side ended. The client leaves by itself
         * once it has read the exit-status line; closing it at once raced it: the Heroku CLI writes
         * Ctrl-D when its piped stdin ends, and a write after the server's FIN kills it with EPIPE
         * (exit 1 instead of the dyno's status). The bound is for a dyno side that ended without one.
         */
        @WithDefault("10s")
        Duration clientLinger();
    }
}
