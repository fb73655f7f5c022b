package dev.jp.events;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TopicPolicyTest {

    @Test
    void keeps_platform_events_forever() {
        assertThat(TopicPolicy.platformEvents().configs())
                .containsEntry("cleanup.policy", "delete")
                .containsEntry("retention.ms", "-1")
                .containsEntry("retention.bytes", "-1");
    }

    @Test
    void compacts_desired_dynos() {
        assertThat(TopicPolicy.dynosDesired().configs()).containsEntry("cleanup.policy", "compact");
    }

    @Test
    void keeps_one_ordered_partition_per_app_log() {
        TopicPolicy logs = TopicPolicy.logs("demo", TopicPolicy.DEFAULT_LOG_RETENTION_MS, TopicPolicy.DEFAULT_LOG_RETENTION_BYTES);

        assertThat(logs.name()).isEqualTo("logs.demo");
        assertThat(logs.partitions()).isEqualTo(1);
        assertThat(logs.configs()).containsEntry("retention.bytes", "1073741824");
    }
}
