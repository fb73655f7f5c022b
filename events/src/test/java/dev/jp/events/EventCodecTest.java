package dev.jp.events;

import static dev.jp.events.GoldenSamples.at;
import static dev.jp.events.GoldenSamples.ordered;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventCodecTest {

    private static final String DRAIN_REMOVED = """
            {
              "type": "drain.removed.v1",
              "app": "demo",
              "by": "dev@jp.local",
              "occurredAt": "2026-11-21T17:15:00Z",
              "appVersion": 13,
              "drainId": "f0e1d2c3-b4a5-4968-8776-655443322110",
              "url": "syslog+tls://logs.example.com:6514"
            }
            """;

    @Test
    void rejects_unknown_event_type() {
        String json = DRAIN_REMOVED.replace("drain.removed.v1", "drain.removed.v9");

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("unknown event type 'drain.removed.v9'");
    }

    @Test
    void rejects_event_without_type() {
        String json = DRAIN_REMOVED.replace("\"type\": \"drain.removed.v1\",", "");

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("no \"type\"");
    }

    @Test
    void ignores_unknown_fields() {
        String json = DRAIN_REMOVED.replace(
                "\"url\"", "\"reason\": \"moved to a new provider\", \"extra\": {\"a\": [1, 2]}, \"url\"");

        assertThat(EventCodec.decode(json)).isEqualTo(EventCodec.decode(DRAIN_REMOVED));
    }

    @Test
    void rejects_event_missing_a_required_field() {
        String json = DRAIN_REMOVED.replace("\"drainId\": \"f0e1d2c3-b4a5-4968-8776-655443322110\",", "");

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("invalid drain.removed.v1: drainId is required");
    }

    @Test
    void rejects_event_missing_a_required_number() {
        String json = """
                {"type": "release.created.v1", "app": "demo", "by": "dev@jp.local",
                 "occurredAt": "2026-11-21T10:10:00Z", "appVersion": 2, "releaseId": "r-1",
                 "slugId": "s-1", "processTypes": {}, "config": {}, "description": "Deploy 1a2b3c4"}
                """;

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("cannot decode release.created.v1 at version: a required int is missing or null");
    }

    @Test
    void rejects_event_with_a_field_of_the_wrong_shape() {
        String json = """
                {"type": "formation.scaled.v1", "app": "demo", "by": "dev@jp.local",
                 "occurredAt": "2026-11-21T10:30:00Z", "appVersion": 4,
                 "changes": [{"type": "web", "quantity": "many", "size": "standard-1X"}]}
                """;

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageStartingWith("cannot decode formation.scaled.v1 at changes[0].quantity: ");
    }

    @Test
    void rejects_a_value_its_record_refuses() {
        String json = """
                {"type": "formation.scaled.v1", "app": "demo", "by": "dev@jp.local",
                 "occurredAt": "2026-11-21T10:30:00Z", "appVersion": 4,
                 "changes": [{"type": "web", "quantity": -1, "size": "standard-1X"}]}
                """;

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("quantity must be at least 0");
    }

    @Test
    void rejects_unknown_dyno_state() {
        String json = """
                {"type": "dyno.state-changed.v1", "app": "demo", "by": "runner:host-a",
                 "occurredAt": "2026-11-21T10:14:40Z", "dyno": "web.1", "processType": "web",
                 "releaseVersion": 3, "state": "idling", "host": "host-a", "restartCount": 0}
                """;

        assertThatThrownBy(() -> EventCodec.decode(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessageContaining("idling");
    }

    @Test
    void rejects_garbage_with_a_clear_exception() {
        for (String garbage : List.of("", "not json", "{\"type\":", "[]", "null", "42", DRAIN_REMOVED + "}")) {
            assertThatThrownBy(() -> EventCodec.decode(garbage))
                    .as("decoding %s", garbage)
                    .isInstanceOf(EventDecodingException.class)
                    .hasMessageStartingWith("cannot decode platform event")
                    .isNotInstanceOf(JacksonException.class);
        }
    }

    @Test
    void rejects_desired_dyno_missing_a_required_field() {
        String json = new String(EventCodec.encodeDesired(GoldenSamples.desiredDyno()), StandardCharsets.UTF_8)
                .replaceFirst("\"slugUrl\":\"[^\"]*\",", "");

        assertThatThrownBy(() -> EventCodec.decodeDesired(json))
                .isInstanceOf(EventDecodingException.class)
                .hasMessage("invalid DesiredDyno: slugUrl is required");
    }

    @Test
    void writes_type_first_then_fields_in_declaration_order() throws Exception {
        for (PlatformEvent event : GoldenSamples.events()) {
            JsonNode json = new ObjectMapper().readTree(EventCodec.encode(event));
            List<String> expected = new ArrayList<>(List.of("type"));
            Arrays.stream(event.getClass().getRecordComponents())
                    .filter(component -> json.has(component.getName()))
                    .forEach(component -> expected.add(component.getName()));

            assertThat(json.fieldNames()).toIterable().as(event.type().wireName()).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void leaves_out_null_fields() {
        var event = new DynoStateChanged("demo", "runner:host-a", at("10:14:39Z"), null, "web.1", "web", 3,
                DynoState.STARTING, "host-a", null, null, null, 0, null, null);

        assertThat(EventCodec.encodeToString(event))
                .doesNotContain("null")
                .doesNotContain("appVersion")
                .doesNotContain("pid")
                .contains("\"restartCount\":0");
    }

    @Test
    void writes_instants_as_iso_strings() {
        var event = new AppDestroyed("demo", "dev@jp.local", at("10:14:40.123456Z"), 14L, "id");

        assertThat(EventCodec.encodeToString(event)).contains("\"occurredAt\":\"2026-11-21T10:14:40.123456Z\"");
    }

    @Test
    void writes_dyno_states_in_lower_case() {
        for (DynoState state : DynoState.values()) {
            var event = new DynoStateChanged("demo", "runner:host-a", at("10:14:39Z"), null, "web.1", "web", 3,
                    state, "host-a", null, null, null, 0, null, null);

            String json = EventCodec.encodeToString(event);

            assertThat(json).contains("\"state\":\"" + state.name().toLowerCase() + "\"");
            assertThat(EventCodec.decode(json)).isEqualTo(event);
        }
    }

    @Test
    void keeps_the_order_of_maps() {
        Map<String, String> config = ordered("ZETA", "1", "ALPHA", "2", "MU", "3");
        var release = new ReleaseCreated("demo", "dev@jp.local", at("10:10:00Z"), 2L, "r-1", 1, "s-1",
                ordered("worker", "w", "web", "x"), config, "Deploy 1a2b3c4", null);

        var decoded = (ReleaseCreated) EventCodec.decode(EventCodec.encode(release));

        assertThat(decoded.config().keySet()).containsExactly("ZETA", "ALPHA", "MU");
        assertThat(decoded.processTypes().keySet()).containsExactly("worker", "web");
    }

    @Test
    void round_trips_every_sample() {
        for (PlatformEvent event : GoldenSamples.events()) {
            assertThat(EventCodec.decode(EventCodec.encodeToString(event))).isEqualTo(event);
        }
    }
}
