package dev.jp.cli.logs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LogColoursTest {

    @Test
    void colours_the_source_and_dyno_and_keeps_the_text() {
        String line = "2026-11-21T10:14:40.123456+00:00 app[web.1]: hello [world]";
        String coloured = LogColours.colour(line);
        assertThat(coloured).contains("\u001b[").endsWith(" hello [world]");
        assertThat(coloured.replaceAll("\u001b\\[\\d+m", "")).isEqualTo(line);
        assertThat(LogColours.colour(line)).isEqualTo(coloured);
    }

    @Test
    void leaves_other_lines_alone() {
        assertThat(LogColours.colour("just text")).isEqualTo("just text");
    }
}
