package dev.jp.bench;

import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code ps:scale web=100} → all 100 web dynos up, i.e. accepting on their {@code $PORT}: from
 * the bench's API call to the runner's last {@code up} fact. The web dyno is as trivial as a
 * listener gets ({@code socat}, else a few lines of Perl), so the measure is about the platform,
 * not the program. Beside it, in the same run: the same command started 100 times in a row with
 * {@code ProcessBuilder}.
 */
final class Web100Measure implements Measure {

    private static final int DYNOS = 100;
    private static final Duration WAIT = Duration.ofSeconds(120);

    @Override
    public String name() {
        return "web-100";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int repetitions = quick ? 1 : 5;
        String command = webCommand();
        List<Long> allUp = new ArrayList<>();
        List<Long> starts = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        try (DynoFacts facts = new DynoFacts(platform.kafka())) {
            Instant created = Instant.now();
            String app = platform.appWithRelease("bench-web", Map.of("web", command));
            // The first release with a web type runs web=1, as on Heroku: back to none before measuring.
            facts.reached(app, DynoState.UP, 1, created, WAIT);
            Instant cleared = Instant.now();
            CrashRestartMeasure.scale(platform, app, "web", 0);
            facts.reached(app, DynoState.DOWN, 1, cleared, WAIT);
            for (int i = 0; i < repetitions; i++) {
                Instant scaled = Instant.now();
                CrashRestartMeasure.scale(platform, app, "web", DYNOS);
                Instant last = facts.reached(app, DynoState.UP, DYNOS, scaled, WAIT).values().stream()
                        .map(DynoStateChanged::occurredAt).max(Instant::compareTo).orElseThrow();
                allUp.add(Duration.between(scaled, last).toNanos());
                phases.add(phases(scaled, facts.reached(app, DynoState.STARTING, DYNOS, scaled, WAIT), last));
                Instant stopped = Instant.now();
                CrashRestartMeasure.scale(platform, app, "web", 0);
                facts.reached(app, DynoState.DOWN, DYNOS, stopped, WAIT);
                starts.add(ProcessStarts.sequentialStarts(command, freePorts()));
            }
        }
        Stats jp = Stats.ofNanos(allUp);
        StringBuilder each = new StringBuilder();
        for (int i = 0; i < allUp.size(); i++) {
            each.append(i == 0 ? "" : ", ").append(allUp.get(i) / 1_000_000).append(" / ").append(starts.get(i) / 1_000_000);
        }
        System.err.println("bench: web-100 per scale-up, jp / 100 starts (ms): " + each);
        System.err.println("bench: web-100 per scale-up, ms after the API call: first fork / last fork / last up: "
                + String.join(", ", phases));
        // The first scale-up copies the slug for every dyno; later ones may start from copies the
        // runner kept when the previous hundred were removed, so the first is reported on its own.
        return new Result(name(), "ms", jp, "100 sequential ProcessBuilder starts", Stats.ofNanos(starts),
                "<= 1000 ms", jp.median() <= 1000, Map.of("first scale-up (every copy fresh)", Stats.ofNanos(allUp.subList(0, 1))));
    }

    /** Where a scale-up's time went: until the first fork, the forks, the binds after the last fork. */
    private static String phases(Instant scaled, Map<String, DynoStateChanged> forks, Instant lastUp) {
        List<Instant> at = forks.values().stream().map(DynoStateChanged::occurredAt).sorted().toList();
        return Duration.between(scaled, at.get(0)).toMillis() + " / " + Duration.between(scaled, at.get(at.size() - 1)).toMillis()
                + " / " + Duration.between(scaled, lastUp).toMillis();
    }

    /** A web process that binds {@code $PORT} and does nothing else, at the least cost this machine offers. */
    static String webCommand() {
        boolean socat = List.of(System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "socat")));
        if (socat) {
            return "exec socat -u TCP-LISTEN:$PORT,bind=127.0.0.1,reuseaddr,fork /dev/null";
        }
        return "exec perl -MIO::Socket::INET -e 'IO::Socket::INET->new(LocalAddr => \"127.0.0.1\", LocalPort => $ENV{PORT},"
                + " Listen => 128, ReuseAddr => 1) or die \"$!\"; sleep 1 while 1'";
    }

    private static List<Map<String, String>> freePorts() throws IOException {
        List<Map<String, String>> environments = new ArrayList<>();
        for (int i = 0; i < DYNOS; i++) {
            try (ServerSocket socket = new ServerSocket(0)) {
                environments.add(Map.of("PORT", Integer.toString(socket.getLocalPort())));
            }
        }
        return environments;
    }
}
