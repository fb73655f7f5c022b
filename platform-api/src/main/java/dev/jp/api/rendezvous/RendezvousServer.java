package dev.jp.api.rendezvous;

import dev.jp.api.ApiConfig;
import dev.jp.events.rendezvous.RendezvousCertificate;
import dev.jp.events.rendezvous.RendezvousProtocol;
import dev.jp.events.rendezvous.RendezvousUrl;
import io.quarkus.runtime.Startup;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import io.vertx.core.net.PfxOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The meeting point of {@code heroku run}: a TLS server where the user's client and the runner of
 * the attached dyno each present the dyno's secret (the client as {@code SECRET\r\n}, the runner as
 * {@code dyno SECRET\r\n}). Once both are there, each gets {@link RendezvousProtocol#BANNER} and
 * then the bytes of the other, both ways, with back-pressure; when the client closes, so does the
 * dyno's side, and when the dyno's side closes the client is closed after it has had time to go
 * ({@code jp.rendezvous.client-linger}). It never looks at the bytes after the first line, as on Heroku.
 *
 * <p>A line that is not a secret this API issued closes the connection without a word, and so does
 * a secret that already brought its pair together or that nobody used within
 * {@code jp.rendezvous.secret-lifetime} of the one-off's request ({@link SecretUses}). Secrets are
 * map keys here and nothing else: never logged, never in a message.
 */
@Startup
@ApplicationScoped
public class RendezvousServer {

    private static final Logger LOG = Logger.getLogger(RendezvousServer.class);

    private final Vertx vertx;
    private final ApiConfig.Rendezvous config;
    private final RendezvousSecrets secrets;
    private final RendezvousCertificate certificate;
    private final NetServer server;
    private final SecretUses uses;
    /** One side per secret, waiting for the other. */
    private final Map<String, Side> waiting = new ConcurrentHashMap<>();

    /** One connection that presented its secret. */
    private record Side(NetSocket socket, boolean dyno, Buffer early, long timer) {
    }

    public RendezvousServer(Vertx vertx, ApiConfig config) throws Exception {
        this.vertx = vertx;
        this.config = config.rendezvous();
        this.secrets = this.config.secret().or(config::logSessionSecret)
                .map(RendezvousSecrets::derivedFrom).orElseGet(RendezvousSecrets::random);
        this.uses = new SecretUses(Clock.systemUTC(), this.config.secretLifetime());
        this.certificate = RendezvousCertificate.loadOrCreate(this.config.keyStore(), this.config.keyStorePassword(),
                this.config.keyStore().resolveSibling("rendezvous-ca.pem"), List.of(this.config.publicHost()));
        this.server = vertx.createNetServer(new NetServerOptions()
                .setHost(this.config.host()).setPort(this.config.port())
                .setSsl(true).setKeyCertOptions(new PfxOptions()
                        .setPath(certificate.keyStore().toString()).setPassword(certificate.password())));
        server.connectHandler(this::accepted);
        server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        LOG.infof("rendezvous listening on %s:%d (TLS); clients trust %s", this.config.host(), server.actualPort(),
                certificate.caPem());
    }

    /** The port it listens on. */
    public int port() {
        return server.actualPort();
    }

    /** The certificate clients must trust, as PEM. */
    public java.nio.file.Path caPem() {
        return certificate.caPem();
    }

    /** The {@code attach_url} of an app's attached dyno, requested at {@code requestedAt}. */
    public String attachUrl(String appId, String dyno, Instant requestedAt) {
        return new RendezvousUrl(config.publicHost(), config.publicPort().orElse(port()),
                secrets.issue(appId, dyno, requestedAt)).toString();
    }

    private void accepted(NetSocket socket) {
        Buffer received = Buffer.buffer();
        long timer = vertx.setTimer(config.pairingTimeout().toMillis(), id -> {
            LOG.infof("rendezvous from %s: no partner within %s", socket.remoteAddress(), config.pairingTimeout());
            socket.close();
        });
        socket.closeHandler(closed -> vertx.cancelTimer(timer));
        socket.exceptionHandler(e -> {
            LOG.debugf("rendezvous connection from %s failed: %s", socket.remoteAddress(), e.getMessage());
            socket.close();
        });
        socket.handler(chunk -> {
            received.appendBuffer(chunk);
            int end = lineEnd(received);
            if (end < 0) {
                if (received.length() > RendezvousProtocol.MAX_LINE) {
                    socket.close();
                }
                return;
            }
            socket.pause();
            socket.handler(null);
            String line = received.getString(0, end, StandardCharsets.UTF_8.name());
            arrived(socket, line, received.getBuffer(end + 2, received.length()), timer);
        });
    }

    private void arrived(NetSocket socket, String line, Buffer early, long timer) {
        boolean dyno = line.startsWith(RendezvousProtocol.DYNO_PREFIX);
        String secret = dyno ? line.substring(RendezvousProtocol.DYNO_PREFIX.length()) : line;
        Optional<Instant> issued = secrets.issuedAt(secret);
        if (issued.isEmpty()) {
            refuse(socket, timer, "not a secret of this platform");
            return;
        }
        if (!uses.admits(secret, issued.get())) {
            refuse(socket, timer, "its secret was used already or has expired");
            return;
        }
        Side me = new Side(socket, dyno, early, timer);
        Side[] partner = new Side[1];
        Side[] replaced = new Side[1];
        boolean[] spentMeanwhile = new boolean[1];
        waiting.compute(secret, (key, other) -> {
            if (other != null && other.dyno() != dyno) {
                if (!uses.spend(secret, issued.get())) {
                    spentMeanwhile[0] = true;
                    return other;
                }
                partner[0] = other;
                return null;
            }
            replaced[0] = other; // the same side again (a reconnect): the newer one waits
            return me;
        });
        if (spentMeanwhile[0]) {
            refuse(socket, timer, "its secret was used already or has expired");
            return;
        }
        if (replaced[0] != null) {
            replaced[0].socket().close();
        }
        if (partner[0] == null) {
            socket.closeHandler(closed -> {
                vertx.cancelTimer(timer);
                waiting.remove(secret, me);
            });
        } else {
            pair(dyno ? me : partner[0], dyno ? partner[0] : me);
        }
    }

    private void refuse(NetSocket socket, long timer, String why) {
        LOG.infof("rendezvous from %s refused: %s", socket.remoteAddress(), why);
        vertx.cancelTimer(timer);
        socket.close();
    }

    private void pair(Side dyno, Side client) {
        vertx.cancelTimer(dyno.timer());
        vertx.cancelTimer(client.timer());
        dyno.socket().closeHandler(null);
        client.socket().closeHandler(null);
        // The banner goes out as a write of its own, before any byte of the other side.
        client.socket().write(RendezvousProtocol.BANNER);
        dyno.socket().write(RendezvousProtocol.BANNER);
        if (client.early().length() > 0) {
            dyno.socket().write(client.early());
        }
        if (dyno.early().length() > 0) {
            client.socket().write(dyno.early());
        }
        // The client leaving ends the dyno's side (the runner then hangs the process up); the dyno's
        // side ending leaves the client to go by itself, within jp.rendezvous.client-linger.
        client.socket().pipeTo(dyno.socket());
        dyno.socket().pipe().endOnComplete(false).endOnFailure(false).to(client.socket()).onComplete(ended -> {
            long linger = vertx.setTimer(Math.max(1, config.clientLinger().toMillis()), id -> client.socket().close());
            client.socket().closeHandler(closed -> vertx.cancelTimer(linger));
        });
        LOG.infof("rendezvous: a client attached from %s", client.socket().remoteAddress());
    }

    private static int lineEnd(Buffer buffer) {
        for (int i = 0; i + 1 < buffer.length(); i++) {
            if (buffer.getByte(i) == '\r' && buffer.getByte(i + 1) == '\n') {
                return i;
            }
        }
        return -1;
    }

    @PreDestroy
    void close() {
        waiting.values().forEach(side -> side.socket().close());
        server.close();
    }
}
