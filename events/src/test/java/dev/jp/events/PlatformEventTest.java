package dev.jp.events;

import static dev.jp.events.GoldenSamples.at;
import static dev.jp.events.GoldenSamples.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules the event records enforce on themselves, whoever builds them. */
class PlatformEventTest {

    @Test
    void copies_collections_so_later_changes_do_not_leak_in() {
        Map<String, String> set = ordered("A", "1");
        List<String> unset = new ArrayList<>(List.of("B"));
        var event = new ConfigVarsChanged("demo", "dev@jp.local", at("10:20:00Z"), 3L, set, unset, "r-3", 3);

        set.put("C", "2");
        unset.add("D");

        assertThat(event.set()).containsOnlyKeys("A");
        assertThat(event.unset()).containsExactly("B");
        assertThatThrownBy(() -> event.set().put("E", "3")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> event.unset().add("F")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void describes_config_changes_in_herokus_words() {
        assertThat(configChange(ordered("A", "1", "B", "2"), List.of()).description()).isEqualTo("Set A, B config vars");
        assertThat(configChange(Map.of(), List.of("C")).description()).isEqualTo("Remove C config vars");
        assertThat(configChange(ordered("A", "1", "B", "2"), List.of("C", "D")).description())
                .isEqualTo("Set A, B and remove C, D config vars");
    }

    @Test
    void rejects_config_change_that_changes_nothing() {
        assertThatThrownBy(() -> configChange(Map.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one");
    }

    @Test
    void rejects_config_var_without_value() {
        Map<String, String> set = ordered("A", null);

        assertThatThrownBy(() -> configChange(set, List.of()))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("set.A is required");
    }

    @Test
    void rejects_missing_common_fields() {
        assertThatThrownBy(() -> new AppDestroyed(null, "dev@jp.local", at("18:00:00Z"), 1L, "id"))
                .hasMessage("app is required");
        assertThatThrownBy(() -> new AppDestroyed("demo", null, at("18:00:00Z"), 1L, "id"))
                .hasMessage("by is required");
        assertThatThrownBy(() -> new AppDestroyed("demo", "dev@jp.local", null, 1L, "id"))
                .hasMessage("occurredAt is required");
    }

    @Test
    void rejects_restart_naming_both_a_dyno_and_a_process_type() {
        assertThatThrownBy(() -> new DynoRestartRequested("demo", "dev@jp.local", at("11:00:00Z"), 6L, "web.1", "web"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new DynoStopRequested("demo", "dev@jp.local", at("11:00:00Z"), 6L, "web.1", "web"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rejects_scale_to_a_negative_quantity_or_of_nothing() {
        assertThatThrownBy(() -> new FormationScaled.Change("web", -1, "standard-1X"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FormationScaled("demo", "dev@jp.local", at("10:30:00Z"), 4L, List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void a_desired_dyno_is_keyed_by_app_and_slot() {
        assertThat(GoldenSamples.desiredDyno().key()).isEqualTo("demo/web.1");
    }

    private static ConfigVarsChanged configChange(Map<String, String> set, List<String> unset) {
        return new ConfigVarsChanged("demo", "dev@jp.local", at("10:20:00Z"), 3L, set, unset, "r-3", 3);
    }
}
