package dev.jp.runner.dynos;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class SpawnBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final SpawnBudget budget = new SpawnBudget(10, now::get);

    @Test
    void allows_a_seconds_worth_at_once_then_spaces_the_rest() {
        for (int i = 0; i < 10; i++) {
            assertThat(budget.reserve()).isZero();
        }
        assertThat(budget.reserve()).isEqualTo(100_000_000L);
        assertThat(budget.reserve()).isEqualTo(200_000_000L);
    }

    @Test
    void refills_as_time_passes() {
        for (int i = 0; i < 12; i++) {
            budget.reserve();
        }
        now.addAndGet(2_000_000_000L);

        assertThat(budget.reserve()).isZero();
    }
}
