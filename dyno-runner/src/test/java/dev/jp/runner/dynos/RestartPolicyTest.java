package dev.jp.runner.dynos;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartPolicyTest {

    private final RestartPolicy policy = new RestartPolicy(Duration.ofSeconds(1), Duration.ofMinutes(5), 0.1, Duration.ofMinutes(10));

    @Test
    void restarts_the_first_crash_at_once_then_doubles_from_one_second_to_five_minutes() {
        assertThat(policy.delayAfter(1, () -> 0.5)).isZero();
        assertThat(policy.delayAfter(2, () -> 0.5)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.delayAfter(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.delayAfter(6, () -> 0.5)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.delayAfter(10, () -> 0.5)).isEqualTo(Duration.ofSeconds(256));
        assertThat(policy.delayAfter(11, () -> 0.5)).isEqualTo(Duration.ofMinutes(5));
        assertThat(policy.delayAfter(1000, () -> 0.5)).isEqualTo(Duration.ofMinutes(5));
    }

    @Test
    void spreads_each_delay_by_ten_percent() {
        assertThat(policy.delayAfter(2, () -> 0.0)).isEqualTo(Duration.ofMillis(900));
        assertThat(policy.delayAfter(2, () -> 0.999999)).isBetween(Duration.ofMillis(1099), Duration.ofMillis(1100));
        assertThat(policy.delayAfter(20, () -> 0.0)).isEqualTo(Duration.ofSeconds(270));
    }

    @Test
    void the_least_delay_after_the_next_crash_is_the_lowest_jittered_delay_it_can_get() {
        assertThat(policy.leastDelayAfterNextCrash(0)).as("a first crash restarts at once").isZero();
        for (int crashes = 1; crashes < 12; crashes++) {
            assertThat(policy.leastDelayAfterNextCrash(crashes)).as("after %d crashes", crashes)
                    .isEqualTo(policy.delayAfter(crashes + 1, () -> 0.0));
        }
    }

    @Test
    void forgives_a_dyno_that_stayed_up_long_enough() {
        assertThat(policy.crashesAfter(7, Duration.ofMinutes(9))).isEqualTo(8);
        assertThat(policy.crashesAfter(7, Duration.ofMinutes(10))).isEqualTo(1);
        assertThat(policy.crashesAfter(0, Duration.ZERO)).isEqualTo(1);
    }
}
