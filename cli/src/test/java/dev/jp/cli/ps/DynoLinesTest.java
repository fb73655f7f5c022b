package dev.jp.cli.ps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.cli.api.Json;
import dev.jp.cli.api.Node;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.TimeZone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DynoLinesTest {

    private TimeZone zone;

    @BeforeEach
    void utc() {
        zone = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    }

    @AfterEach
    void restore() {
        TimeZone.setDefault(zone);
    }

    @Test
    void groups_by_type_as_heroku_does_with_jp_extras() {
        String json = """
                [{"name":"web.2","type":"web","command":"java Web.java","state":"up","size":"Standard-1X",
                  "release":{"version":3},"updated_at":"2026-11-21T10:14:40Z","host":"h1","restart_count":0},
                 {"name":"run.1","type":"run","command":"echo hi","state":"up","size":"Standard-1X",
                  "release":{"version":3},"updated_at":"2026-11-21T10:16:00Z","restart_count":0},
                 {"name":"web.1","type":"web","command":"java Web.java","state":"up","size":"Standard-1X",
                  "release":{"version":3},"updated_at":"2026-11-21T10:14:40Z","host":"h1","restart_count":0,
                  "cpu_percent":12.5,"memory_rss_mb":96.5,"memory_pss_mb":70.25},
                 {"name":"crasher.1","type":"crasher","command":"java Crasher.java","state":"crashed","size":"Standard-1X",
                  "release":{"version":3},"updated_at":"2026-11-21T10:17:00Z","host":"h1","restart_count":2,
                  "next_restart_at":"2026-11-21T10:17:36Z","exit_status":1}]
                """;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DynoLines.print(new PrintStream(bytes, true, StandardCharsets.UTF_8), new Node(Json.parse(json)).list(),
                Instant.parse("2026-11-21T10:17:20Z"));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
                === crasher (Standard-1X): java Crasher.java (1)
                crasher.1: crashed 2026/11/21 10:17:00 (~ 20s ago), restarting in 16s  [restarts 2, exit 1, v3, host h1]

                === web (Standard-1X): java Web.java (2)
                web.1: up 2026/11/21 10:14:40 (~ 2m ago)  [cpu 12.5%, mem 97 MB, v3, host h1]
                web.2: up 2026/11/21 10:14:40 (~ 2m ago)  [v3, host h1]

                === run: one-off processes (1)
                run.1 (Standard-1X): up 2026/11/21 10:16:00 (~ 1m ago): echo hi  [v3]
                """);
    }
}
