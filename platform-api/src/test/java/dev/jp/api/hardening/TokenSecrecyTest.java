package dev.jp.api.hardening;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.api.Api;
import dev.jp.api.accounts.Accounts;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.hibernate.reactive.mutiny.Mutiny;
import org.junit.jupiter.api.Test;

/** API tokens are stored as their SHA-256 only, and never appear in the service's log output. */
@QuarkusTest
class TokenSecrecyTest {

    static final String TOKEN = "jp_secret-token-" + Long.toHexString(System.nanoTime());

    @Inject
    Accounts accounts;

    @Inject
    Mutiny.SessionFactory sessions;

    @Test
    void the_accounts_table_holds_sha256_hashes_and_no_token() throws Throwable {
        accounts.create("hashed@jp.local", TOKEN + "-hashed").await().indefinitely();

        List<Object[]> rows = VertxContextSupport.subscribeAndAwait(() -> sessions.withSession(session ->
                session.createNativeQuery("select * from accounts", Object[].class).getResultList()));

        String dump = rows.stream().map(java.util.Arrays::deepToString).reduce("", String::concat);
        assertThat(dump).doesNotContain(TOKEN).doesNotContain(Api.TOKEN).contains(sha256(TOKEN + "-hashed")).contains(sha256(Api.TOKEN));
        Api.as(TOKEN + "-hashed").get("/account").then().statusCode(200).body("email", org.hamcrest.Matchers.equalTo("hashed@jp.local"));
        Api.as(TOKEN.toUpperCase() + "-hashed").get("/account").then().statusCode(401);
        Api.as(sha256(TOKEN + "-hashed")).get("/account").then().statusCode(401);
        Api.api().get("/account").then().statusCode(200);
    }

    @Test
    void tokens_never_reach_the_log_of_good_or_failing_requests() {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                String logger = record.getLoggerName() == null ? "" : record.getLoggerName();
                if (logger.startsWith("org.apache.http") || logger.startsWith("io.restassured")) {
                    return; // the test's own HTTP client, which logs the headers it sends
                }
                String message = record.getMessage() == null ? "" : record.getMessage();
                Object[] parameters = record.getParameters() == null ? new Object[0] : record.getParameters();
                StringBuilder line = new StringBuilder(message);
                for (Object p : parameters) {
                    line.append(' ').append(p);
                }
                if (record.getThrown() != null) {
                    line.append(' ').append(record.getThrown());
                }
                lines.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        java.util.logging.Logger root = java.util.logging.Logger.getLogger("");
        java.util.logging.Level level = root.getLevel();
        root.addHandler(capture);
        root.setLevel(java.util.logging.Level.FINE);
        String bad = "jp_wrong-token-" + Long.toHexString(System.nanoTime());
        try {
            accounts.create("logged@jp.local", TOKEN).await().indefinitely();
            String app = Api.newApp();
            Api.as(TOKEN).get("/apps").then().statusCode(200);
            Api.as(TOKEN).get("/apps/" + app).then().statusCode(404);
            Api.as(TOKEN).body("{\"broken").patch("/apps/" + app + "/config-vars").then().statusCode(org.hamcrest.Matchers.greaterThanOrEqualTo(400));
            Api.as(TOKEN).body(Map.of("updates", "x")).patch("/apps/nope/formation").then().statusCode(422);
            Api.as(bad).get("/apps").then().statusCode(401);
            io.restassured.RestAssured.given().header("Authorization", "Basic " + java.util.Base64.getEncoder()
                    .encodeToString((":" + bad).getBytes(StandardCharsets.UTF_8))).get("/apps").then().statusCode(401);
        } finally {
            root.removeHandler(capture);
            root.setLevel(level);
        }
        assertThat(lines).as("log lines written during the requests").isNotEmpty();
        assertThat(lines).noneMatch(l -> l.contains(TOKEN) || l.contains(bad) || l.contains(Api.TOKEN));
    }

    private static String sha256(String token) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    }
}
