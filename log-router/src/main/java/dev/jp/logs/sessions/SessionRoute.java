package dev.jp.logs.sessions;

import dev.jp.events.logsession.LogSession;
import dev.jp.logs.ApiError;
import dev.jp.logs.LogRouterConfig;
import dev.jp.logs.accounting.LogAccounting;
import dev.jp.logs.apps.AppRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Vertx;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * {@code GET /sessions/{id}}: the {@code logplex_url} platform-api hands out, served as
 * Server-Sent Events. No auth header: the signed id is the capability. Unknown, forged or expired
 * → 404 in Heroku's error shape.
 *
 * <p>On Vert.x directly rather than JAX-RS: a tail needs to see its connection's back-pressure
 * ({@code writeQueueFull}) to drop its own lines instead of queueing them without bound.
 */
@ApplicationScoped
public class SessionRoute {

    /** More than Logplex's 1,500, because Kafka holds it; platform-api allows as many. */
    static final int MAX_HISTORY_LINES = 100_000;

    private final SessionAdmission admission;
    private final AppRegistry registry;
    private final TailSession.Services services;
    private final ExecutorService blocking;
    private final Clock clock = Clock.systemUTC();

    public SessionRoute(SessionAdmission admission, AppRegistry registry, AppFollowers followers,
                        LogHistory history, LogAccounting accounting, LogRouterConfig config, Vertx vertx) {
        this.admission = admission;
        this.registry = registry;
        this.blocking = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "log-session");
            thread.setDaemon(true);
            return thread;
        });
        this.services = new TailSession.Services(vertx, blocking, followers, history, accounting, clock,
                config.tail().buffer(), config.tail().heartbeat().toMillis(), new EventLoopFlushes());
    }

    void install(@Observes Router router) {
        router.get("/sessions/:id").handler(this::serve);
    }

    void stop(@Observes ShutdownEvent ignored) {
        blocking.shutdownNow();
    }

    private void serve(RoutingContext request) {
        Long lastEventId = lastEventId(request.request().getHeader("Last-Event-ID"));
        Optional<LogSession> session = admission.admit(request.pathParam("id"), lastEventId != null, clock.instant())
                .filter(s -> registry.knows(s.app()));
        if (session.isEmpty()) {
            request.response().setStatusCode(404).putHeader("Content-Type", "application/json")
                    .end(new ApiError("not_found", "Log session not found or expired.").toJson());
            return;
        }
        LogSession s = session.get();
        LogSession bounded = s.lines() <= MAX_HISTORY_LINES ? s
                : new LogSession(s.app(), s.dyno(), s.source(), MAX_HISTORY_LINES, s.tail(), s.expiresAt(), s.nonce());
        new TailSession(services, bounded, lastEventId, request.response()).start();
    }

    /** The offset of the last line a reconnecting client got; anything else counts as a fresh start. */
    private static Long lastEventId(String header) {
        if (header == null || header.isBlank()) {
            return null;
        }
        try {
            long id = Long.parseLong(header.trim());
            return id >= 0 ? id : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
