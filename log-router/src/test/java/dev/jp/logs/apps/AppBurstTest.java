package dev.jp.logs.apps;

import static org.awaitility.Awaitility.await;

import dev.jp.logs.KafkaClients;
import dev.jp.logs.testing.Intake;
import dev.jp.logs.testing.TestApps;
import dev.jp.logs.testing.TestApps.TestApp;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Apps created in a burst (a script, a CI run creating review apps) all take lines soon: their
 * topics are created together, not one after another while the later apps' intake answers 401.
 */
@QuarkusTest
class AppBurstTest {

    private static final int APPS = 50;

    @TestHTTPResource("/")
    URI base;

    @Inject
    KafkaClients kafka;

    List<TestApp> apps = IntStream.range(0, APPS).mapToObj(i -> TestApps.unpublished("burst")).toList();

    @AfterEach
    void destroyApps() {
        apps.forEach(app -> TestApps.destroy(kafka, app));
    }

    @Test
    void fifty_apps_created_at_once_all_take_lines() {
        Intake intake = new Intake(base);
        long start = System.nanoTime();
        TestApps.publish(kafka, apps.stream().map(TestApps::created).toList());

        Set<String> accepting = new HashSet<>();
        // Generous: a loaded machine, not speed, is what this deadline allows for.
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
            for (TestApp app : apps) {
                if (!accepting.contains(app.name()) && intake.post(app.appToken(), new byte[0]).statusCode() == 204) {
                    accepting.add(app.name());
                }
            }
            return accepting.size() == APPS;
        });
        System.err.printf("app burst: %d apps accept intake %d ms after their creation%n", APPS,
                (System.nanoTime() - start) / 1_000_000);
    }
}
