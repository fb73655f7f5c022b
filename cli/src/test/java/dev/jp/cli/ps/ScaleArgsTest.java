package dev.jp.cli.ps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.jp.cli.CliException;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScaleArgsTest {

    @Test
    void reads_absolute_relative_and_sized_updates() {
        assertThat(ScaleArgs.parse(List.of("web=2", "worker+1", "clock-1", "crasher=0:Performance-M")))
                .containsExactly(
                        new ScaleArgs.Update("web", "2", null),
                        new ScaleArgs.Update("worker", "+1", null),
                        new ScaleArgs.Update("clock", "-1", null),
                        new ScaleArgs.Update("crasher", "0", "Performance-M"));
    }

    @Test
    void a_type_named_twice_keeps_the_last_quantity_and_size() {
        assertThat(ScaleArgs.parse(List.of("web=2", "worker+1", "web=3:Standard-2X")))
                .containsExactly(new ScaleArgs.Update("worker", "+1", null), new ScaleArgs.Update("web", "3", "Standard-2X"));
    }

    @Test
    void a_size_alone_resizes_without_scaling() {
        assertThat(ScaleArgs.parse(List.of("web:Standard-2X"))).containsExactly(new ScaleArgs.Update("web", null, "Standard-2X"));
        assertThat(ScaleArgs.parse(List.of("web:Standard-2X")).get(0).toJson()).doesNotContainKey("quantity");
    }

    @Test
    void rejects_what_is_not_a_scale() {
        for (String bad : List.of("web", "web=two", "=2", "web=2:", "web*2")) {
            assertThatThrownBy(() -> ScaleArgs.parse(List.of(bad))).as(bad).isInstanceOf(CliException.class);
        }
    }
}
