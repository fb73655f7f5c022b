package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.DynoProcesses;
import dev.jp.reliability.support.PlatformEventsTopic;
import dev.jp.reliability.support.ReliabilityPlatform;
import dev.jp.reliability.support.Soak;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Fault 6: a process type that crashes at once, for as long as it is scaled up. */
class CrashLoopTest {

    /** Clock ticks per second of /proc/<pid>/stat (USER_HZ): 100 on every Linux jp runs on. */
    private static final double TICKS_PER_SECOND = 100;

    /** dyno-runner's jp.dynos.backoff-initial and backoff-jitter defaults. */
    private static final long BACKOFF_INITIAL_MILLIS = 1000;
    private static final double BACKOFF_JITTER = 0.1;

    private final ReliabilityPlatform platform = ReliabilityPlatform.get();
    private final Api api = platform.api();

    @Test
    void back_off_grows_the_runner_answers_and_its_cpu_stays_bounded() throws Exception {
        Duration window = Duration.ofSeconds(Soak.pick(20, 120));
        int dynos = Soak.pick(3, 10);
        String app = platform.app("crashloop", Map.of("crasher", "exit 1"));
        long runner = platform.local().pid("runner.1");
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        long[] slowest = new long[2];

        long ticksBefore = DynoProcesses.cpuTicks(runner);
        long began = System.nanoTime();
        platform.scale(app, Map.of("crasher", dynos));
        // Throughout the window, the runner's own endpoint and the API's dyno list answer (within 5 s each).
        await().during(window).atMost(window.plusSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            long asked = System.nanoTime();
            HttpResponse<String> view = http.send(HttpRequest.newBuilder(URI.create(platform.local().url("runner.1") + "/dynos"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            slowest[0] = Math.max(slowest[0], (System.nanoTime() - asked) / 1_000_000);
            asked = System.nanoTime();
            int listed = api.send("GET", "/apps/" + app + "/dynos", null, Map.of(), Duration.ofSeconds(5)).status();
            slowest[1] = Math.max(slowest[1], (System.nanoTime() - asked) / 1_000_000);
            return view.statusCode() == 200 && listed == 200;
        });
        double seconds = (System.nanoTime() - began) / 1e9;
        double cores = (DynoProcesses.cpuTicks(runner) - ticksBefore) / TICKS_PER_SECOND / seconds;
        platform.scale(app, Map.of("crasher", 0));

        List<DynoStateChanged> states = PlatformEventsTopic.of(platform.kafka(), app).stream()
                .filter(DynoStateChanged.class::isInstance).map(DynoStateChanged.class::cast).toList();
        List<Long> gaps = new ArrayList<>();
        Instant previous = null;
        for (DynoStateChanged state : states) {
            if (state.dyno().equals("crasher.1") && state.state() == DynoState.STARTING) {
                if (previous != null) {
                    gaps.add(Duration.between(previous, state.occurredAt()).toMillis());
                }
                previous = state.occurredAt();
            }
        }
        long starts = states.stream().filter(s -> s.state() == DynoState.STARTING).count();
        System.err.printf("crash loop: %d dynos crashing for %.0f s: %d starts in all; crasher.1 restarted after %s ms; "
                        + "runner CPU %.1f %% of a core; slowest runner /dynos %d ms, API dyno list %d ms%n",
                dynos, seconds, starts, gaps, cores * 100, slowest[0], slowest[1]);
        // First crash: at once; then 1 s, 2 s, 4 s, ... ±10 % (the runner's defaults). A gap is that delay plus the
        // time to start, crash and be noticed, which a loaded machine stretches unevenly: so each gap is held to
        // its delay's floor, not to a ratio of two measured gaps (1,747 then 2,151 ms is a back-off that holds).
        assertThat(gaps).as("restart gaps of crasher.1").hasSizeGreaterThanOrEqualTo(4);
        for (int i = 1; i < gaps.size(); i++) {
            long floor = Math.round(BACKOFF_INITIAL_MILLIS * (1 << (i - 1)) * (1 - BACKOFF_JITTER));
            assertThat(gaps.get(i)).as("restart gap %d of %s", i, gaps).isGreaterThanOrEqualTo(floor);
        }
        assertThat(starts).as("a crash loop is not a busy loop").isLessThan(dynos * 15L);
        assertThat(cores).as("the runner's CPU while its dynos crash-loop").isLessThan(0.5);
    }
}
