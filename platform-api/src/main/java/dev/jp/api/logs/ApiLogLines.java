package dev.jp.api.logs;

import dev.jp.api.ApiConfig;
import dev.jp.api.apps.AppState;
import dev.jp.events.logplex.LogShipper;
import dev.jp.events.logplex.LogplexFrame;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.time.Instant;

/**
 * The API's own lines in each app's log stream, as Heroku writes them:
 * {@code app[api]: Scale to web=2 by user dev@jp.local}. Buffered and shipped in the background:
 * a log-router that is down never fails or slows an API call.
 */
@ApplicationScoped
public class ApiLogLines {

    private final LogShipper shipper;

    public ApiLogLines(ApiConfig config) {
        // The shipper posts to <intake>/logs itself.
        this.shipper = new LogShipper(LogShipper.Settings.defaults(URI.create(config.logRouterUrl().replaceAll("/+$", "")), "api"));
    }

    public void line(AppState app, String message) {
        shipper.ship(app.appLogToken(), app.herokuLogToken(), new LogplexFrame(LogplexFrame.INFO,
                LogplexFrame.timestamp(Instant.now()), "api", "app", "api", "-", message));
    }

    @PreDestroy
    void close() {
        shipper.close();
    }
}
