package dev.jp.localstack.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class ClusterIdTest {

    @Test
    void never_starts_with_a_dash_which_the_format_command_would_take_for_an_option() {
        // One id in 64 would start with '-' without the check; 5,000 make a miss vanishingly unlikely.
        assertThat(IntStream.range(0, 5_000).mapToObj(i -> KafkaBroker.newClusterId()))
                .allSatisfy(id -> assertThat(id).hasSize(22).doesNotStartWith("-").matches("[A-Za-z0-9_-]+"));
    }
}
