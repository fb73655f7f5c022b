package dev.jp.api.hardening;

import static dev.jp.api.Api.api;
import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.api.Api;
import dev.jp.api.accounts.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Another account's token gets 404 on every app-scoped route, exactly as for an app that does not
 * exist, so it can neither act on an app nor learn that its name is taken. The routes are read
 * from the JAX-RS resources themselves: a new {@code /apps/{app}/...} route is covered without
 * touching this test.
 */
@QuarkusTest
class TenantIsolationTest {

    static final String INTRUDER = "intruder-account-token";

    @Inject
    Accounts accounts;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrapServers;

    /** One HTTP method on one path template. */
    record Route(String method, String template) {
    }

    @Test
    void another_accounts_token_gets_404_on_every_app_route_and_changes_nothing() throws IOException {
        accounts.create("intruder@jp.local", INTRUDER).await().indefinitely();
        String victim = Api.newApp();
        Api.deploy(victim, Map.of("web", "./web", "worker", "./work"));
        Api.scale(victim, "web", 2).statusCode(200);
        api().body(Map.of("SECRET", "s3cret")).patch("/apps/" + victim + "/config-vars").then().statusCode(200);
        String drain = api().body(Map.of("url", "https://drain.example.com/x")).post("/apps/" + victim + "/log-drains")
                .then().statusCode(201).extract().path("id");
        String slug = api().get("/apps/" + victim + "/events?type=slug.created.v1").then().extract().path("[-1].event.slugId");
        String missing = "nosuchapp" + System.nanoTime() % 100000;

        List<Route> routes = appRoutes();
        assertThat(routes).extracting(Route::template).as("routes found by scanning the resources").contains(
                "/apps/{app}", "/apps/{app}/formation", "/apps/{app}/dynos", "/apps/{app}/log-sessions",
                "/apps/{app}/log-drains", "/apps/{app}/releases", "/apps/{app}/config-vars");
        assertThat(routes).contains(new Route("DELETE", "/apps/{app}/dynos"), new Route("POST", "/apps/{app}/dynos"),
                new Route("PATCH", "/apps/{app}/formation"), new Route("POST", "/apps/{app}/releases"));

        List<String> history = api().get("/apps/" + victim + "/events").then().extract().path("type");
        long end = PlatformEventsEnd.of(bootstrapServers);
        List<String> leaks = new ArrayList<>();
        for (Route route : routes) {
            Map<String, Object> body = bodyFor(route, slug);
            Response asIntruder = call(route, victim, drain, slug, body);
            Response onMissingApp = call(route, missing, drain, slug, body);
            if (asIntruder.statusCode() != 404 || !"not_found".equals(asIntruder.jsonPath().getString("id"))
                    || onMissingApp.statusCode() != asIntruder.statusCode()
                    || asIntruder.body().asString().contains("s3cret")) {
                leaks.add(route + " -> " + asIntruder.statusCode() + " " + asIntruder.body().asString()
                        + " (missing app: " + onMissingApp.statusCode() + ")");
            }
        }
        assertThat(leaks).as("routes that answer another account differently from a missing app").isEmpty();

        assertThat(PlatformEventsEnd.of(bootstrapServers)).isEqualTo(end);
        assertThat((List<String>) api().get("/apps/" + victim + "/events").then().extract().path("type")).isEqualTo(history);
        api().get("/apps/" + victim + "/config-vars").then().statusCode(200).body("SECRET", org.hamcrest.Matchers.equalTo("s3cret"));
        assertThat(Api.as(INTRUDER).get("/apps").then().statusCode(200).extract().<List<String>>path("name")).doesNotContain(victim);
    }

    private static Response call(Route route, String app, String drain, String slug, Map<String, Object> body) {
        String path = route.template().replace("{app}", app).replace("{type}", "web").replace("{dyno}", "web.1")
                .replace("{release}", "1").replace("{id}", slug).replace("{drain}", drain)
                .replaceAll("\\{[^}]+}", "x"); // a parameter of a route added later
        var request = Api.as(INTRUDER);
        if (!route.method().equals("GET") && !route.method().equals("DELETE")) {
            request = request.body(body);
        }
        return request.request(route.method(), path);
    }

    /** A body the route would accept from the owner, so only ownership can refuse it. */
    private static Map<String, Object> bodyFor(Route route, String slug) {
        String t = route.template();
        if (t.endsWith("/config-vars")) {
            return Map.of("SECRET", "stolen");
        } else if (t.endsWith("/formation")) {
            return Map.of("updates", List.of(Map.of("type", "web", "quantity", 0)));
        } else if (t.endsWith("/formation/{type}")) {
            return Map.of("quantity", 0);
        } else if (t.endsWith("/log-drains")) {
            return Map.of("url", "https://intruder.example.com/x");
        } else if (t.endsWith("/log-sessions")) {
            return Map.of("tail", true);
        } else if (t.endsWith("/releases")) {
            return Map.of("slug", slug);
        } else if (t.endsWith("/dynos")) {
            return Map.of("command", "cat /proc/self/environ", "attach", false);
        } else if (t.endsWith("/slugs")) {
            return Map.of("process_types", Map.of("web", "./evil"));
        }
        return Map.of();
    }

    /** Every (method, path) of the API's JAX-RS resources whose path names an app. */
    static List<Route> appRoutes() throws IOException {
        java.nio.file.Path classes = java.nio.file.Path.of("target/classes");
        List<Route> routes = new ArrayList<>();
        try (Stream<java.nio.file.Path> files = java.nio.file.Files.walk(classes)) {
            for (java.nio.file.Path file : files.filter(f -> f.toString().endsWith(".class") && !f.toString().contains("$")).toList()) {
                String name = classes.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                Class<?> type;
                try {
                    type = Class.forName(name, false, TenantIsolationTest.class.getClassLoader());
                } catch (ClassNotFoundException | LinkageError e) {
                    continue;
                }
                Path base = type.getAnnotation(Path.class);
                if (base == null) {
                    continue;
                }
                for (Method method : type.getDeclaredMethods()) {
                    String http = httpMethod(method);
                    if (http == null) {
                        continue;
                    }
                    Path sub = method.getAnnotation(Path.class);
                    String template = base.value().replaceAll("/+$", "") + (sub == null ? "" : "/" + sub.value().replaceAll("^/+", ""));
                    if (template.contains("{app}")) {
                        routes.add(new Route(http, template));
                    }
                }
            }
        }
        return routes;
    }

    private static String httpMethod(Method method) {
        for (Annotation annotation : method.getAnnotations()) {
            HttpMethod http = annotation.annotationType().getAnnotation(HttpMethod.class);
            if (http != null) {
                return http.value();
            }
        }
        return null;
    }
}
