package dev.jp.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Pins the wire format: every event type has a JSON sample under {@code golden/} that must keep
 * decoding to the same record, and that record must keep encoding to the same JSON. Changing a
 * sample means changing what old events on the topic mean: write a {@code .v2} instead.
 */
class GoldenSamplesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Named<PlatformEvent>> samples() {
        return GoldenSamples.events().stream().map(event -> Named.of(event.type().wireName(), event));
    }

    @ParameterizedTest
    @MethodSource("samples")
    void decodes_every_golden_sample(PlatformEvent expected) {
        byte[] golden = golden(expected.type().wireName() + ".json");

        assertThat(EventCodec.decode(golden)).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("samples")
    void encodes_every_sample_to_its_golden_json(PlatformEvent sample) {
        byte[] golden = golden(sample.type().wireName() + ".json");

        assertThat(tree(EventCodec.encode(sample))).isEqualTo(tree(golden));
    }

    @Test
    void decodes_the_golden_desired_dyno() {
        assertThat(EventCodec.decodeDesired(golden(GoldenSamples.DESIRED_DYNO_FILE)))
                .isEqualTo(GoldenSamples.desiredDyno());
    }

    @Test
    void encodes_the_desired_dyno_to_its_golden_json() {
        assertThat(tree(EventCodec.encodeDesired(GoldenSamples.desiredDyno())))
                .isEqualTo(tree(golden(GoldenSamples.DESIRED_DYNO_FILE)));
    }

    @Test
    void decodes_the_golden_attached_one_off() {
        assertThat(EventCodec.decodeDesired(golden(GoldenSamples.ATTACHED_DYNO_FILE)))
                .isEqualTo(GoldenSamples.attachedOneOff());
    }

    @Test
    void encodes_the_attached_one_off_to_its_golden_json() {
        assertThat(tree(EventCodec.encodeDesired(GoldenSamples.attachedOneOff())))
                .isEqualTo(tree(golden(GoldenSamples.ATTACHED_DYNO_FILE)));
    }

    /**
     * {@code forceNoTty} came after the samples were pinned: false is left out of the JSON, so every
     * earlier record keeps its bytes and meaning, and true is the golden JSON plus that one field.
     */
    @Test
    void force_no_tty_is_absent_when_false_and_one_more_field_when_true() {
        OneOffDynoRequested tty = GoldenSamples.events().stream().filter(OneOffDynoRequested.class::isInstance)
                .map(OneOffDynoRequested.class::cast).findFirst().orElseThrow();
        OneOffDynoRequested noTty = new OneOffDynoRequested(tty.app(), tty.by(), tty.occurredAt(), tty.appVersion(), tty.dyno(),
                tty.command(), tty.env(), tty.size(), tty.attach(), tty.timeToLive(), true);
        com.fasterxml.jackson.databind.node.ObjectNode event = (com.fasterxml.jackson.databind.node.ObjectNode)
                tree(golden(tty.type().wireName() + ".json"));
        event.put("forceNoTty", true);

        assertThat(tty.forceNoTty()).isFalse();
        assertThat(tree(EventCodec.encode(noTty))).isEqualTo(event);
        assertThat(EventCodec.decode(EventCodec.encode(noTty))).isEqualTo(noTty);

        DesiredDyno attached = GoldenSamples.attachedOneOff();
        DesiredDyno piped = new DesiredDyno(attached.app(), attached.slot(), attached.processType(), attached.releaseVersion(),
                attached.command(), attached.env(), attached.size(), attached.restartNonce(), attached.slugId(),
                attached.slugChecksum(), attached.slugUrl(), attached.oneOff(), attached.attach(), attached.appLogToken(),
                attached.herokuLogToken(), attached.rendezvousUrl(), attached.timeToLive(), true);
        com.fasterxml.jackson.databind.node.ObjectNode desired = (com.fasterxml.jackson.databind.node.ObjectNode)
                tree(golden(GoldenSamples.ATTACHED_DYNO_FILE));
        desired.put("forceNoTty", true);

        assertThat(attached.forceNoTty()).isFalse();
        assertThat(tree(EventCodec.encodeDesired(piped))).isEqualTo(desired);
        assertThat(EventCodec.decodeDesired(EventCodec.encodeDesired(piped))).isEqualTo(piped);
    }

    @Test
    void every_event_class_has_a_golden_sample_and_an_expected_record() {
        List<Class<?>> sampled = GoldenSamples.events().stream().map(Object::getClass).collect(Collectors.toList());

        for (Class<?> eventClass : PlatformEvent.class.getPermittedSubclasses()) {
            String file = EventType.of(eventClass).wireName() + ".json";
            assertThat(PlatformEvent.class.getResource("/golden/" + file))
                    .as("golden/%s for %s", file, eventClass.getSimpleName())
                    .isNotNull();
            assertThat(sampled).as("an expected %s in GoldenSamples", eventClass.getSimpleName())
                    .containsOnlyOnce(eventClass);
        }
    }

    @Test
    void every_golden_file_is_a_known_sample() throws IOException, URISyntaxException {
        Path directory = Path.of(GoldenSamplesTest.class.getResource("/golden").toURI());
        List<String> expected = Stream.concat(
                        Arrays.stream(EventType.values()).map(type -> type.wireName() + ".json"),
                        Stream.of(GoldenSamples.DESIRED_DYNO_FILE, GoldenSamples.ATTACHED_DYNO_FILE))
                .collect(Collectors.toList());

        try (Stream<Path> files = Files.list(directory)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }

    private static byte[] golden(String file) {
        try (InputStream in = GoldenSamplesTest.class.getResourceAsStream("/golden/" + file)) {
            assertThat(in).as("golden/%s", file).isNotNull();
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode tree(byte[] json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
