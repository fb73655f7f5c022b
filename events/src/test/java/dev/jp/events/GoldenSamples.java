package dev.jp.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The records that the files under {@code src/test/resources/golden/} must decode to: one per
 * event type, named {@code <wire-type>.json}, plus {@code desired-dyno.json}. A day in the life of
 * the app {@code demo}.
 */
final class GoldenSamples {

    static final String DESIRED_DYNO_FILE = "desired-dyno.json";
    static final String ATTACHED_DYNO_FILE = "desired-dyno-attached.json";

    private static final String APP = "demo";
    private static final String USER = "dev@jp.local";
    private static final String RUNNER = "runner:host-a";

    private GoldenSamples() {}

    /** One event of every type, in {@link EventType} order. */
    static List<PlatformEvent> events() {
        return List.of(
                new AppCreated(APP, USER, at("10:00:00.000001Z"), 0L,
                        "0a4c6d8e-3f1b-4e2a-9c5d-7b8e9f0a1b2c", "5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b",
                        USER, "local", "jp-22",
                        "t.8d2f4c1a-6b3e-4f5a-9c7d-1e2f3a4b5c6d", "t.3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"),
                new AppDestroyed(APP, USER, at("18:30:00Z"), 14L, "0a4c6d8e-3f1b-4e2a-9c5d-7b8e9f0a1b2c"),
                new SlugCreated(APP, USER, at("10:05:12.482Z"), 1L,
                        "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                        ordered("web", "java -jar target/app.jar --port $PORT",
                                "worker", "java -cp target/app.jar demo.Worker",
                                "clock", "java -cp target/app.jar demo.Clock"),
                        "SHA256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                        52_428_800L, "1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b", "Add /health endpoint"),
                new ReleaseCreated(APP, USER, at("16:02:33.250117Z"), 9L,
                        "c9d8e7f6-a5b4-4c3d-8e2f-1a0b9c8d7e6f", 5,
                        "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                        ordered("web", "java -jar target/app.jar --port $PORT",
                                "worker", "java -cp target/app.jar demo.Worker",
                                "clock", "java -cp target/app.jar demo.Clock"),
                        ordered("DATABASE_URL", "postgres://demo:s3cret@127.0.0.1:5432/demo",
                                "LANG", "en_US.UTF-8",
                                "WEB_CONCURRENCY", "4"),
                        "Rollback to v2", 2),
                new ConfigVarsChanged(APP, USER, at("10:20:45.123456Z"), 3L,
                        ordered("WEB_CONCURRENCY", "4", "LANG", "en_US.UTF-8"), List.of("DEBUG"),
                        "e1d2c3b4-a5f6-4e7d-9c8b-7a6f5e4d3c2b", 3),
                new FormationScaled(APP, "ci@example.com", at("10:30:00.500Z"), 4L,
                        List.of(new FormationScaled.Change("web", 2, "standard-1X"),
                                new FormationScaled.Change("worker", 4, "standard-2X"))),
                new DynoRestartRequested(APP, USER, at("11:00:00Z"), 6L, null, "web"),
                new DynoStopRequested(APP, USER, at("11:45:10.750Z"), 8L, "run.3", null),
                new OneOffDynoRequested(APP, USER, at("11:40:02.314159Z"), 7L,
                        "run.3", "bash", ordered("JP_TRACE", "1"), "standard-1X", true, 3600),
                new DynoStateChanged(APP, RUNNER, at("10:14:40.123456Z"), null,
                        "web.1", "web", 3, DynoState.CRASHED, "host-a", 48213L, null, "SIGKILL",
                        2, at("10:14:41.123456Z"), "R10"),
                new DrainAdded(APP, USER, at("12:00:00Z"), 10L,
                        "f0e1d2c3-b4a5-4968-8776-655443322110", "syslog+tls://logs.example.com:6514",
                        "d.2a3b4c5d-6e7f-4a8b-9c0d-1e2f3a4b5c6d"),
                new DrainRemoved(APP, USER, at("17:15:00Z"), 13L,
                        "f0e1d2c3-b4a5-4968-8776-655443322110", "syslog+tls://logs.example.com:6514"));
    }

    static DesiredDyno desiredDyno() {
        return new DesiredDyno(APP, "web.1", "web", 3, "java -jar target/app.jar --port $PORT",
                ordered("DATABASE_URL", "postgres://demo:s3cret@127.0.0.1:5432/demo",
                        "LANG", "en_US.UTF-8",
                        "WEB_CONCURRENCY", "4",
                        "DYNO", "web.1",
                        "JP_APP", "demo",
                        "JP_RELEASE_VERSION", "3"),
                "standard-1X", 2L,
                "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                "SHA256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "http://127.0.0.1:5100/internal/slugs/b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d.tar.gz",
                false, false,
                "t.8d2f4c1a-6b3e-4f5a-9c7d-1e2f3a4b5c6d", "t.3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f");
    }

    /** {@code heroku run bash}: a one-off dyno with its rendezvous and a time to live. */
    static DesiredDyno attachedOneOff() {
        return new DesiredDyno(APP, "run.4", "run", 3, "bash",
                ordered("LANG", "en_US.UTF-8", "TERM", "xterm-256color", "COLUMNS", "120", "LINES", "40",
                        "DYNO", "run.4", "JP_APP", "demo", "JP_RELEASE_VERSION", "3"),
                "standard-1X", 0L,
                "b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
                "SHA256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
                "http://127.0.0.1:5100/internal/slugs/b3f1c2d4-5e6f-4a7b-8c9d-0e1f2a3b4c5d.tar.gz",
                true, true,
                "t.8d2f4c1a-6b3e-4f5a-9c7d-1e2f3a4b5c6d", "t.3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f",
                "rendezvous://127.0.0.1:5102/4f1c2b3a-5d6e-3f70-8a9b-0c1d2e3f4a5b.Qm9ndXMgc2lnbmF0dXJlIGZvciB0aGUgdGVzdA",
                3600);
    }

    static Instant at(String timeOfDay) {
        return Instant.parse("2026-11-21T" + timeOfDay);
    }

    static Map<String, String> ordered(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }
}
