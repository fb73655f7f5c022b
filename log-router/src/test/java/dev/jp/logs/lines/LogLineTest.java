package dev.jp.logs.lines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogLineTest {

    @Test
    void renders_exactly_as_heroku_does() {
        assertThat(new LogLine("2026-11-21T10:14:40.123456+00:00", "app", "web.1", "Listening on 5000").render())
                .isEqualTo("2026-11-21T10:14:40.123456+00:00 app[web.1]: Listening on 5000");
        assertThat(new LogLine("2026-11-21T10:14:40.123456+00:00", "app", "api", "Scale to web=2 by a@b.c").render())
                .isEqualTo("2026-11-21T10:14:40.123456+00:00 app[api]: Scale to web=2 by a@b.c");
    }

    @Test
    void a_record_value_decodes_to_the_same_line_including_spaces_and_unicode_in_the_message() {
        LogLine line = new LogLine("2026-11-21T10:14:40Z", "heroku", "router", " at=info  path=\"/ ✓\" ");

        assertThat(LogLine.decode(line.encode())).isEqualTo(line);
        assertThat(LogLine.decode(new LogLine("t", "app", "web.1", "").encode()).message()).isEmpty();
    }

    @Test
    void keeps_the_priority_and_reads_records_written_before_it_was_kept() {
        LogLine stderr = new LogLine(187, "2026-11-21T10:14:40Z", "app", "web.1", "boom");

        assertThat(LogLine.decode(stderr.encode())).isEqualTo(stderr);
        assertThat(LogLine.decode("2026-11-21T10:14:40Z app web.1 old".getBytes(java.nio.charset.StandardCharsets.UTF_8)))
                .isEqualTo(new LogLine(190, "2026-11-21T10:14:40Z", "app", "web.1", "old"));
    }
}
