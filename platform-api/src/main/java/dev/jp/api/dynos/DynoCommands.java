package dev.jp.api.dynos;

import dev.jp.api.accounts.Account;
import dev.jp.api.apps.Apps;
import dev.jp.api.logs.ApiLogLines;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Map;

/** Restart and stop requests, for one dyno, one process type or all: 202 once recorded, as Heroku answers. */
@ApplicationScoped
public class DynoCommands {

    private final Apps apps;
    private final ApiLogLines apiLog;

    public DynoCommands(Apps apps, ApiLogLines apiLog) {
        this.apps = apps;
        this.apiLog = apiLog;
    }

    Uni<Response> restart(String app, String dyno, String type, Account account) {
        return apps.writeRetrying(app, account, state -> DynoDecisions.restart(state, dyno, type, account.email(), Instant.now()))
                .invoke(state -> apiLog.line(state, "Restart " + target(dyno, type) + " by user " + account.email()))
                .map(state -> Response.accepted(Map.of()).build());
    }

    Uni<Response> stop(String app, String dyno, String type, Account account) {
        return apps.writeRetrying(app, account, state -> DynoDecisions.stop(state, dyno, type, account.email(), Instant.now()))
                .invoke(state -> apiLog.line(state, "Stop " + target(dyno, type) + " by user " + account.email()))
                .map(state -> Response.accepted(Map.of()).build());
    }

    private static String target(String dyno, String type) {
        return dyno != null ? dyno : type != null ? type + " dynos" : "all dynos";
    }
}
