package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Output's hand-written time and padding code says the same as java.time.format and String.format would. */
class OutputTest {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-21T04:49:12.971182Z", "2026-01-02T03:04:05Z", "2026-11-21T04:49:12.5Z",
            "2026-11-21T23:59:59.123456789Z", "2026-11-21T04:49:12+01:00", "2026-11-21T04:49:12.000001Z"})
    void reads_iso_instants_as_instant_parse_does(String iso) {
        assertThat(Output.instant(iso)).isEqualTo(Instant.parse(iso.replace("+01:00", "Z")).minusSeconds(iso.endsWith("+01:00") ? 3600 : 0));
    }

    @Test
    void prints_local_time_as_heroku_does() {
        Instant at = Instant.parse("2026-03-04T05:06:07.890Z");
        assertThat(Output.time(at.toString()))
                .isEqualTo(DateTimeFormatter.ofPattern("yyyy/MM/dd HH:mm:ss").format(at.atZone(ZoneId.systemDefault())));
    }

    @Test
    void pads_tables_and_key_values() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        Output.table(out, List.of(List.of("v10", "Deploy", "a@b"), List.of("v9", "Set X", "c@d")));
        Output.keyValues(out, new LinkedHashMap<>(Map.of("Owner", "a@b")));
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("v10  Deploy  a@b\nv9   Set X   c@d\nOwner: a@b\n");
    }
}
