package dev.jp.api.formation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jp.api.http.ApiException;
import org.junit.jupiter.api.Test;

class FormationDecisionsTest {

    @Test
    void reads_absolute_and_relative_quantities() {
        assertThat(FormationDecisions.quantity("3", 1)).isEqualTo(3);
        assertThat(FormationDecisions.quantity("+2", 1)).isEqualTo(3);
        assertThat(FormationDecisions.quantity("-1", 1)).isEqualTo(0);
        assertThat(FormationDecisions.quantity(" 4 ", 0)).isEqualTo(4);
    }

    @Test
    void rejects_negative_huge_and_non_numeric_quantities() {
        assertThatThrownBy(() -> FormationDecisions.quantity("-2", 1)).isInstanceOf(ApiException.class).hasMessageContaining("0 or more");
        assertThatThrownBy(() -> FormationDecisions.quantity("99999999999", 1)).hasMessageContaining("at most");
        assertThatThrownBy(() -> FormationDecisions.quantity("two", 1)).hasMessageContaining("whole number");
        assertThatThrownBy(() -> FormationDecisions.quantity("1.5", 1)).hasMessageContaining("whole number");
    }

    @Test
    void names_sizes_as_heroku_does() {
        assertThat(FormationDecisions.size("standard-2x")).isEqualTo("Standard-2X");
        assertThat(FormationDecisions.size("1X")).isEqualTo("Standard-1X");
        assertThatThrownBy(() -> FormationDecisions.size("huge")).hasMessageContaining("Unknown dyno size");
    }
}
