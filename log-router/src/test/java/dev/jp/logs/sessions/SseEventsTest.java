package dev.jp.logs.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.logs.lines.LogLine;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SseEventsTest {

    @Test
    void one_event_per_line_with_its_offset_as_id() {
        assertThat(StoredLine.of(42, new LogLine("2026-11-21T10:14:40.123456+00:00", "app", "web.1", "hi")).event())
                .isEqualTo("id: 42\ndata: 2026-11-21T10:14:40.123456+00:00 app[web.1]: hi\n\n");
    }

    @Test
    void line_breaks_inside_a_message_become_data_lines_of_the_same_event() {
        assertThat(StoredLine.of(1, new LogLine("t", "app", "web.1", "a\nb\r\nc\rd")).event())
                .isEqualTo("id: 1\ndata: t app[web.1]: a\ndata: b\ndata: c\ndata: d\n\n");
    }

    @Test
    void l11_is_logplex_s_wording_and_has_no_id() {
        StringBuilder out = new StringBuilder();
        SseEvents.appendOverflow(out, 17, Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:00:05Z"));

        assertThat(out.toString()).isEqualTo("data: 2026-11-21T10:00:05.000000+00:00 heroku[logplex]: Error L11 "
                + "(Tail buffer overflow) -> This tail session dropped 17 messages since "
                + "2026-11-21T10:00:00.000000+00:00.\n\n");
    }
}
