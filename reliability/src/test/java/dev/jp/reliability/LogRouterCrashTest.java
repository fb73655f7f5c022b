package dev.jp.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.reliability.support.Api;
import dev.jp.reliability.support.DrainReceiver;
import dev.jp.reliability.support.DynoProcesses;
import dev.jp.reliability.support.LogsTopic;
import dev.jp.reliability.support.ReliabilityPlatform;
import dev.jp.reliability.support.Soak;
import dev.jp.reliability.support.SseTail;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Fault 5: kill -9 log-router while dynos log, a tail follows and an HTTP drain receives. */
class LogRouterCrashTest {

    private final ReliabilityPlatform platform = ReliabilityPlatform.get();
    private final Api api = platform.api();

    @Test
    void a_tail_resumes_by_event_id_without_gaps_and_a_drain_loses_nothing() throws Exception {
        int loggers = Soak.pick(2, 8);
        String app = platform.app("routerkill", Map.of("logger", LogsTopic.countingCommand(Soak.pick(100, 500))));
        try (DrainReceiver drain = new DrainReceiver()) {
            api.call("POST", "/apps/" + app + "/log-drains", Map.of("url", drain.url()), 201);
            String url = api.call("POST", "/apps/" + app + "/log-sessions", Map.of("tail", true, "lines", 1), 201)
                    .path("logplex_url").asText();
            try (SseTail tail = new SseTail(url, Duration.ofMillis(500))) {
                platform.scale(app, Map.of("logger", loggers));
                await().atMost(Duration.ofMinutes(1)).until(() -> DynoProcesses.of(app).size() == loggers);
                await("the tail and the drain receive lines").atMost(Duration.ofSeconds(60))
                        .until(() -> tail.events().size() > 100 && drain.frames().size() > 100);

                platform.local().kill("router.1");
                platform.local().restart("router.1");

                // Lines keep flowing; once those printed after the restart reached both, compare with the topic.
                long settledFrom = maxCounted(LogsTopic.of(platform.kafka(), app)) + 100;
                await("the tail reconnected and follows again").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .until(() -> tail.connections() >= 2 && maxCounted(LogsTopic.of(platform.kafka(), app)) > settledFrom);
                platform.scale(app, Map.of("logger", 0));
                await().atMost(Duration.ofMinutes(1)).until(() -> DynoProcesses.of(app).isEmpty());
                List<LogsTopic.Line> stored = LogsTopic.of(platform.kafka(), app);
                long end = stored.get(stored.size() - 1).offset();
                await("the tail reaches the end of the topic").atMost(Duration.ofMinutes(1))
                        .until(() -> !tail.events().isEmpty() && tail.events().get(tail.events().size() - 1).id() >= end);
                Set<String> storedAppLines = stored.stream().filter(line -> line.source().equals("app"))
                        .map(line -> line.dyno() + " " + line.message()).collect(Collectors.toSet());
                await("the drain delivers every stored line").atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1))
                        .untilAsserted(() -> {
                            Set<String> missing = missingFromDrain(drain, storedAppLines, firstDrained(drain, stored));
                            assertThat(missing).as("stored app lines the drain never got (%d; L10 reported %d dropped): e.g. %s",
                                    missing.size(), reportedDropped(drain), missing.stream().sorted().limit(10).toList()).isEmpty();
                        });

                List<SseTail.Event> events = tail.events();
                long first = events.get(0).id();
                for (int i = 0; i < events.size(); i++) {
                    assertThat(events.get(i).id()).as("event %d of the tail: no gap, no repeat", i).isEqualTo(first + i);
                }
                List<LogplexFrame> frames = drain.frames();
                long distinct = frames.stream().map(f -> f.procId() + " " + f.message()).distinct().count();
                System.err.printf("log-router kill -9: the tail reconnected %d times and saw %d events, offsets %d..%d without a gap; "
                                + "the drain got %d frames (%d repeated after the restart), none of %d stored app lines missing%n",
                        tail.connections() - 1, events.size(), first, events.get(events.size() - 1).id(), frames.size(),
                        frames.size() - distinct, storedAppLines.size());
            }
        }
    }

    /** The stored app lines from the first one the drain got on (a new drain starts at the end of the topic). */
    private static Set<String> firstDrained(DrainReceiver drain, List<LogsTopic.Line> stored) {
        Set<String> drained = drain.frames().stream().map(f -> f.procId() + " " + f.message()).collect(Collectors.toSet());
        Set<String> expected = new HashSet<>();
        boolean started = false;
        for (LogsTopic.Line line : stored) {
            String text = line.dyno() + " " + line.message();
            started |= drained.contains(text);
            if (started && line.source().equals("app")) {
                expected.add(text);
            }
        }
        return expected;
    }

    private static Set<String> missingFromDrain(DrainReceiver drain, Set<String> storedAppLines, Set<String> expected) {
        Set<String> missing = new HashSet<>(expected);
        drain.frames().forEach(f -> missing.remove(f.procId() + " " + f.message()));
        missing.retainAll(storedAppLines);
        return missing;
    }

    /** What the drain was told it lost: the counts of Logplex's L10 notices. */
    private static long reportedDropped(DrainReceiver drain) {
        return drain.frames().stream().filter(f -> f.message().startsWith("Error L10"))
                .mapToLong(f -> Long.parseLong(f.message().replaceAll(".*: (\\d+) messages dropped.*", "$1"))).sum();
    }

    private static long maxCounted(List<LogsTopic.Line> lines) {
        return lines.stream().filter(line -> line.message().startsWith("line ") && line.source().equals("app"))
                .mapToLong(line -> Long.parseLong(line.message().substring(5).trim())).max().orElse(0);
    }
}
