package dev.jp.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.localstack.testing.HerokuCli;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The official Heroku CLI works against jp unchanged: the commands a Heroku user types every day. */
@QuarkusTest
class HerokuCliTest {

    @TempDir
    static Path home;

    @BeforeAll
    static void installCli() throws Exception {
        HerokuCli.install();
    }

    @Test
    void the_heroku_cli_manages_apps_config_releases_and_dynos() throws Exception {
        HerokuCli heroku = new HerokuCli("http://127.0.0.1:" + RestAssured.port, Api.TOKEN, home);
        String app = "hk" + UUID.randomUUID().toString().replace("-", "").substring(0, 10);

        expect(heroku.run("apps:create", app), "Creating " + app + "... done");
        expect(heroku.run("apps"), app);
        expect(heroku.run("apps:info", "-a", app), "=== " + app, "Owner:", "dev@jp.local");
        expect(heroku.run("config:set", "A=1", "B=two", "-a", app), "Setting A, B and restarting " + app + "... done, v1");
        expect(heroku.run("config", "-a", app), "A: 1", "B: two");
        expect(heroku.run("config:unset", "B", "-a", app), "Unsetting B and restarting " + app + "... done, v2");

        Map<String, String> types = new LinkedHashMap<>();
        types.put("web", "./web");
        types.put("worker", "./worker");
        Api.deploy(app, types);
        expect(heroku.run("releases", "-a", app), "Current: v3", "Deploy 1a2b3c4", "Remove B config vars", "Set A, B config vars");
        expect(heroku.run("releases:info", "v2", "-a", app), "=== Release v2", "Remove B config vars", "A: 1");

        expect(heroku.run("ps:scale", "web=2", "worker=1", "-a", app),
                "Scaling dynos... done, now running web at 2:Standard-1X, worker at 1:Standard-1X");
        expect(heroku.run("ps", "-a", app), "=== web (Standard-1X): ./web (2)", "web.1: starting", "web.2: starting", "worker.1");
        expect(heroku.run("ps:restart", "web.1", "-a", app), "Restarting dyno web.1 on " + app + "... done");
        expect(heroku.run("ps:restart", "-a", app), "Restarting all dynos on " + app + "... done");
        expect(heroku.run("ps:stop", "web.2", "-a", app), "Stopping dyno web.2 on " + app + "... done");
        expect(heroku.run("releases:rollback", "v3", "-a", app), "Rolling back " + app + " to v3... done, v4");
        HerokuCli.Result noSlug = heroku.run("releases:rollback", "v2", "-a", app);
        assertThat(noSlug.exitCode()).isEqualTo(2);
        assertThat(noSlug.output()).contains("Release v2 has no slug to roll back to.");
        expect(heroku.run("config", "-a", app), "A: 1");

        HerokuCli.Result missing = heroku.run("apps:info", "-a", "no-such-app-here");
        assertThat(missing.exitCode()).as(missing.output()).isEqualTo(2);
        assertThat(missing.output()).contains("Couldn't find that app.");
        HerokuCli.Result unknownType = heroku.run("ps:scale", "nope=1", "-a", app);
        assertThat(unknownType.exitCode()).isNotZero();
        assertThat(unknownType.output()).contains("Couldn't find that process type (nope).");

        expect(heroku.run("apps:destroy", app, "--confirm", app), "Destroying " + app);
        assertThat(heroku.run("apps", "--json").output()).doesNotContain("\"" + app + "\"");
    }

    private static void expect(HerokuCli.Result result, String... lines) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains(lines);
    }
}
