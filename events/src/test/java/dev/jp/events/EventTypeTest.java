package dev.jp.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class EventTypeTest {

    @Test
    void registers_every_permitted_event_class_once() {
        Class<?>[] registered = Arrays.stream(EventType.values()).map(EventType::eventClass).toArray(Class<?>[]::new);

        assertThat(registered).containsExactlyInAnyOrder(PlatformEvent.class.getPermittedSubclasses());
    }

    @Test
    void wire_names_are_unique_and_versioned() {
        assertThat(Arrays.stream(EventType.values()).map(EventType::wireName))
                .doesNotHaveDuplicates()
                .allMatch(name -> name.matches("[a-z][a-z-]*(\\.[a-z][a-z-]*)+\\.v[1-9][0-9]*"), "entity.verb.vN");
    }

    @Test
    void an_event_knows_its_type() {
        for (PlatformEvent event : GoldenSamples.events()) {
            assertThat(event.type().eventClass()).isEqualTo(event.getClass());
            assertThat(EventType.fromWireName(event.type().wireName())).contains(event.type());
        }
    }

    @Test
    void finds_no_type_for_an_unknown_wire_name() {
        assertThat(EventType.fromWireName("app.renamed.v1")).isEmpty();
        assertThatThrownBy(() -> EventType.of(String.class)).isInstanceOf(IllegalArgumentException.class);
    }
}
