package dev.jp.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DynoStatsTest {

    @Test
    void round_trips_a_sample_keyed_by_app_and_slot() {
        DynoStats stats = new DynoStats("demo", "web.1", "h1", 12.5, 88.25, 61.0, Instant.parse("2026-11-21T10:00:20Z"));

        assertThat(EventCodec.decodeStats(EventCodec.encodeStats(stats))).isEqualTo(stats);
        assertThat(stats.key()).isEqualTo("demo/web.1");
        assertThat(new String(EventCodec.encodeStats(stats), StandardCharsets.UTF_8))
                .contains("\"memoryRssMb\":88.25").contains("\"sampledAt\":\"2026-11-21T10:00:20Z\"");
    }

    @Test
    void rejects_a_sample_without_its_dyno() {
        assertThatThrownBy(() -> EventCodec.decodeStats("{\"app\":\"demo\",\"host\":\"h\",\"cpuPercent\":1,\"memoryRssMb\":2,\"memoryPssMb\":1,\"sampledAt\":\"2026-11-21T10:00:20Z\"}"
                .getBytes(StandardCharsets.UTF_8))).isInstanceOf(EventDecodingException.class).hasMessageContaining("slot");
    }
}
