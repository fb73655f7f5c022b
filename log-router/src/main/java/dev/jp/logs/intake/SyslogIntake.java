package dev.jp.logs.intake;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logplex.LogplexParser;
import dev.jp.events.logplex.MalformedFrameException;
import dev.jp.logs.LogRouterConfig;
import dev.jp.logs.accounting.LogAccounting;
import dev.jp.logs.apps.AppRegistry;
import dev.jp.logs.apps.IntakeToken;
import dev.jp.logs.lines.LogLine;
import dev.jp.logs.lines.LogWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.core.net.NetServerOptions;
import io.vertx.core.net.NetSocket;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The TCP syslog intake, for senders that stream rather than post: RFC 6587 octet-counted frames
 * on a long-lived connection ({@code jp.intake.syslog-port}). A TCP stream has no headers, so each
 * frame carries its intake token ({@code t.<uuid>}) in HOSTNAME; APP-NAME is the source, as over
 * HTTP, and must be the token's. A malformed frame or an unknown token closes the connection: the
 * stream cannot be trusted past it. Reads pause while lines are stored, so a fast sender is slowed
 * by the broker, not buffered without bound.
 */
@ApplicationScoped
public class SyslogIntake {

    private static final Logger LOG = Logger.getLogger(SyslogIntake.class);

    private final Vertx vertx;
    private final LogRouterConfig config;
    private final AppRegistry registry;
    private final LogWriter writer;
    private final LogAccounting accounting;
    private volatile NetServer server;

    public SyslogIntake(Vertx vertx, LogRouterConfig config, AppRegistry registry, LogWriter writer,
                        LogAccounting accounting) {
        this.vertx = vertx;
        this.config = config;
        this.registry = registry;
        this.writer = writer;
        this.accounting = accounting;
    }

    void start(@Observes StartupEvent ignored) throws Exception {
        if (config.intake().syslogPort().isEmpty()) {
            return;
        }
        NetServer net = vertx.createNetServer(new NetServerOptions().setHost("127.0.0.1")
                .setPort(config.intake().syslogPort().getAsInt()));
        net.connectHandler(this::serve);
        server = net.listen().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        LOG.infof("TCP syslog intake on 127.0.0.1:%d", server.actualPort());
    }

    void stop(@Observes ShutdownEvent ignored) {
        NetServer net = server;
        if (net != null) {
            net.close();
        }
    }

    /** The port it listens on, if it does. */
    public Optional<Integer> port() {
        NetServer net = server;
        return net == null ? Optional.empty() : Optional.of(net.actualPort());
    }

    private void serve(NetSocket socket) {
        LogplexParser parser = new LogplexParser();
        socket.handler(buffer -> {
            try {
                byte[] bytes = buffer.getBytes();
                Map<IntakeToken, List<LogLine>> lines = lines(parser.feed(bytes, 0, bytes.length));
                if (lines.isEmpty()) {
                    return;
                }
                socket.pause();
                List<CompletableFuture<Void>> stored = new ArrayList<>();
                lines.forEach((token, batch) -> stored.add(writer.append(token.app(), batch)
                        .thenRun(() -> accounting.received(token.app(), batch.size()))));
                CompletableFuture.allOf(stored.toArray(CompletableFuture[]::new)).whenComplete((ok, error) -> {
                    if (error != null) {
                        LOG.warnf("TCP syslog intake could not store lines: %s", error.getMessage());
                        socket.close();
                    } else {
                        socket.resume();
                    }
                });
            } catch (MalformedFrameException | MalformedLogsException e) {
                LOG.debugf("closing a TCP syslog connection: %s", e.getMessage());
                socket.close();
            }
        });
    }

    private Map<IntakeToken, List<LogLine>> lines(List<LogplexFrame> frames) throws MalformedLogsException {
        Map<IntakeToken, List<LogLine>> lines = new LinkedHashMap<>();
        for (LogplexFrame frame : frames) {
            IntakeToken token = registry.token(frame.host())
                    .orElseThrow(() -> new MalformedLogsException("unknown intake token in HOSTNAME"));
            if (!token.source().equals(frame.appName())) {
                accounting.malformed(token.app());
                throw new MalformedLogsException("APP-NAME " + frame.appName() + " is not the token's source");
            }
            lines.computeIfAbsent(token, t -> new ArrayList<>())
                    .add(new LogLine(frame.priority(), frame.timestamp(), frame.appName(), frame.procId(), frame.message()));
        }
        return lines;
    }
}
