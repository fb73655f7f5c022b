package dev.jp.logs.drains;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.LogRouterConfig;
import dev.jp.logs.accounting.LogAccounting;
import dev.jp.logs.apps.AppRegistry;
import dev.jp.logs.apps.Drain;
import dev.jp.logs.lines.LogLine;
import dev.jp.logs.lines.LogWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.jboss.logging.Logger;

/** Runs a {@link DrainShipper} for every drain of every app the registry knows, and only those. */
@ApplicationScoped
public class DrainShippers {

    private static final Logger LOG = Logger.getLogger(DrainShippers.class);

    private final AppRegistry registry;
    private final KafkaClients kafka;
    private final LogRouterConfig.Drains config;
    private final LogAccounting accounting;
    private final LogWriter writer;
    private final Clock clock = Clock.systemUTC();
    private final Map<String, DrainShipper> running = new HashMap<>();
    private final Vertx vertx;
    private final DrainDestinations destinations;

    public DrainShippers(AppRegistry registry, KafkaClients kafka, LogRouterConfig config, LogAccounting accounting,
                         LogWriter writer, Vertx vertx, DrainHostResolver resolver, PlatformPorts platformPorts) {
        this.registry = registry;
        this.vertx = vertx;
        this.destinations = new DrainDestinations(resolver, platformPorts.ports());
        this.kafka = kafka;
        this.config = config.drains();
        this.accounting = accounting;
        this.writer = writer;
    }

    /** Starts the drains the registry has and this node lacks, stops the ones it no longer has. */
    public synchronized void reconcile() {
        if (!config.enabled()) {
            return;
        }
        Set<String> wanted = new HashSet<>();
        for (String app : registry.apps()) {
            for (Drain drain : registry.drains(app)) {
                wanted.add(drain.id());
                if (!running.containsKey(drain.id())) {
                    try {
                        DrainShipper shipper = new DrainShipper(app, drain, sender(app, drain), kafka, config, accounting, clock);
                        running.put(drain.id(), shipper);
                        shipper.start();
                        LOG.infof("shipping %s's logs to %s", app, drain.url());
                    } catch (IllegalArgumentException e) {
                        LOG.warnf("not shipping %s's logs to %s: %s", app, drain.url(), e.getMessage());
                    }
                }
            }
        }
        running.keySet().removeIf(id -> {
            if (wanted.contains(id)) {
                return false;
            }
            running.get(id).stop();
            return true;
        });
    }

    private DrainSender sender(String app, Drain drain) {
        DrainUrl url = DrainUrl.parse(drain.url());
        Consumer<String> platformLine = message -> writer.append(app, List.of(new LogLine(
                LogplexFrame.timestamp(clock.instant()), "heroku", "logplex", message)));
        return switch (url.kind()) {
            case HTTP -> new HttpDrainSender(url, drain.token(), config.timeout(), config.retryBackoff(), vertx,
                    destinations, platformLine);
            case SYSLOG_TCP, SYSLOG_TLS -> new SyslogDrainSender(url, config.timeout(), config.retryBackoff(),
                    destinations, platformLine);
        };
    }

    void stop(@Observes ShutdownEvent ignored) {
        synchronized (this) {
            running.values().forEach(DrainShipper::stop);
            running.clear();
        }
    }
}
