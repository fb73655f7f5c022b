package dev.jp.events.logplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LogplexFrameTest {

    @Test
    void formats_timestamps_as_heroku_does() {
        assertThat(LogplexFrame.timestamp(Instant.parse("2026-11-21T10:14:40.123456Z")))
                .isEqualTo("2026-11-21T10:14:40.123456+00:00");
        assertThat(LogplexFrame.timestamp(Instant.parse("2026-11-21T10:14:40Z")))
                .isEqualTo("2026-11-21T10:14:40.000000+00:00");
        // The date and time of day are reused within a second, never across one.
        assertThat(LogplexFrame.timestamp(Instant.parse("2026-11-21T10:14:40.000007Z")))
                .isEqualTo("2026-11-21T10:14:40.000007+00:00");
        assertThat(LogplexFrame.timestamp(Instant.parse("2026-11-21T10:14:41.999999Z")))
                .isEqualTo("2026-11-21T10:14:41.999999+00:00");
        assertThat(LogplexFrame.timestamp(Instant.parse("1999-12-31T23:59:59.5Z")))
                .isEqualTo("1999-12-31T23:59:59.500000+00:00");
    }

    @Test
    void counts_the_frame_in_bytes_not_characters() {
        LogplexFrame frame = new LogplexFrame(LogplexFrame.INFO, "2026-11-21T10:14:40.123456+00:00",
                "host", "app", "web.1", "-", "héllo ✓");

        byte[] counted = frame.toOctetCounted();

        String syslog = "<190>1 2026-11-21T10:14:40.123456+00:00 host app web.1 - - héllo ✓";
        int bytes = syslog.getBytes(StandardCharsets.UTF_8).length;
        assertThat(new String(counted, StandardCharsets.UTF_8)).isEqualTo(bytes + " " + syslog);
        assertThat(bytes).isGreaterThan(syslog.length());
    }

    @Test
    void rejects_header_fields_with_spaces() {
        assertThatThrownBy(() -> new LogplexFrame(LogplexFrame.INFO, "2026-11-21T10:14:40.123456+00:00",
                "host", "app", "web 1", "-", "x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("procId");
    }

    @Test
    void writes_a_frame_from_message_bytes_exactly_as_from_the_frame() {
        String timestamp = "2026-11-21T10:14:40.123456+00:00";
        for (String message : new String[] {"", "hi", "héllo ✓ 😀", "a".repeat(40), "b".repeat(950), "c".repeat(9_950)}) {
            for (int pri : new int[] {0, 7, 42, LogplexFrame.ERROR, LogplexFrame.INFO}) {
                byte[] utf8 = ("..." + message + "..").getBytes(StandardCharsets.UTF_8);
                byte[] direct = LogplexFrame.toOctetCounted(pri, timestamp, "host-1", "app", "web.1", "-",
                        utf8, 3, utf8.length - 5);
                assertThat(direct).as("%d bytes at %d", message.length(), pri)
                        .isEqualTo(new LogplexFrame(pri, timestamp, "host-1", "app", "web.1", "-", message).toOctetCounted());
            }
        }
        assertThatThrownBy(() -> LogplexFrame.toOctetCounted(190, timestamp, "two words", "app", "web.1", "-", new byte[0], 0, 0))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
