package dev.jp.events.logplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryBackoffTest {

    private static final long MS = 1_000_000;

    @Test
    void doubles_per_failure_up_to_the_cap_each_pause_between_half_and_all_of_it() {
        RetryBackoff shortest = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), () -> 0.0);
        RetryBackoff longest = new RetryBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), () -> 0.999_999);

        long[] ceilings = {200, 400, 800, 1600, 3200, 5000, 5000};
        for (int failures = 1; failures <= ceilings.length; failures++) {
            long ceiling = ceilings[failures - 1] * MS;
            assertThat(shortest.pauseNanos(failures)).as("shortest pause after %d failures", failures).isEqualTo(ceiling / 2);
            assertThat(longest.pauseNanos(failures)).as("longest pause after %d failures", failures)
                    .isBetween(ceiling - MS, ceiling);
        }
        assertThat(longest.pauseNanos(1_000)).as("no overflow after many failures").isBetween(4_999 * MS, 5_000 * MS);
    }

    @Test
    void spreads_pauses_with_the_default_randomness() {
        RetryBackoff backoff = new RetryBackoff(Duration.ofMillis(100), Duration.ofSeconds(1));
        for (int i = 0; i < 1_000; i++) {
            assertThat(backoff.pauseNanos(3)).isBetween(200 * MS, 400 * MS);
        }
    }

    @Test
    void refuses_a_cap_below_the_first_pause() {
        assertThatThrownBy(() -> new RetryBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
