package dev.jp.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void names_the_log_topic_of_an_app() {
        assertThat(Topics.logs("demo")).isEqualTo("logs.demo");
    }

    @Test
    void rejects_app_names_kafka_cannot_use_in_a_topic() {
        assertThatThrownBy(() -> Topics.logs("demo app")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.logs("")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Topics.logs("a".repeat(245))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void keys_a_desired_dyno_by_app_and_slot() {
        assertThat(Topics.desiredDynoKey("demo", "web.1")).isEqualTo("demo/web.1");
    }

    @Test
    void parses_a_desired_dyno_key_back() {
        var key = Topics.parseDesiredDynoKey("demo/run.7");

        assertThat(key.app()).isEqualTo("demo");
        assertThat(key.slot()).isEqualTo("run.7");
        assertThat(key.toString()).isEqualTo("demo/run.7");
    }

    @Test
    void rejects_malformed_desired_dyno_keys() {
        for (String key : new String[] {"demo", "/web.1", "demo/", "demo/web/1"}) {
            assertThatThrownBy(() -> Topics.parseDesiredDynoKey(key))
                    .as(key)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Topics.desiredDynoKey("de/mo", "web.1")).isInstanceOf(IllegalArgumentException.class);
    }
}
