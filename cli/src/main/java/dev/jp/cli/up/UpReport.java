package dev.jp.cli.up;

import dev.jp.localstack.platform.LocalPlatform;
import java.io.PrintStream;
import java.util.Properties;

/** What {@code jp up} says once the platform is healthy: where everything is and how to use it. */
final class UpReport {

    private UpReport() {
    }

    static Properties of(LocalPlatform platform) {
        Properties report = new Properties();
        report.setProperty("api", platform.apiUrl());
        report.setProperty("router", platform.logRouterUrl());
        report.setProperty("kafka", platform.stack().kafkaBootstrapServers());
        report.setProperty("database", platform.stack().postgres().origin() + ", database " + platform.database().database());
        report.setProperty("token", platform.token());
        report.setProperty("rendezvous.ca", platform.rendezvousCa().toString());
        report.setProperty("kafka.ready.ms", Long.toString(platform.stack().kafka().startTime().toMillis()));
        report.setProperty("ready.ms", Long.toString(platform.startTime().toMillis()));
        report.setProperty("pids", platform.pids().toString());
        return report;
    }

    static void print(Properties report, PrintStream out, boolean detached) {
        String api = report.getProperty("api");
        String token = report.getProperty("token");
        out.printf("""

                jp is up: Kafka ready in %.1f s, the whole platform in %.1f s.
                  API          %s   (OpenAPI at /q/openapi)
                  log-router   %s
                  Kafka        %s
                  PostgreSQL   %s
                  API token    %s

                The jp CLI is pointed at it (~/.config/jp/config). Elsewhere:
                  export JP_API_URL=%s JP_API_KEY=%s
                The Heroku CLI:
                  export HEROKU_HOST=%s HEROKU_PARTICLEBOARD_URL=%s HEROKU_API_KEY=%s
                  export NODE_EXTRA_CA_CERTS=%s
                %s
                """,
                Long.parseLong(report.getProperty("kafka.ready.ms")) / 1000.0,
                Long.parseLong(report.getProperty("ready.ms")) / 1000.0,
                api, report.getProperty("router"), report.getProperty("kafka"), report.getProperty("database"), token,
                api, token, api, api, token, report.getProperty("rendezvous.ca"),
                detached ? "Running in the background; ./jp down stops it." : "Ctrl-C stops everything.");
        out.flush();
    }
}
