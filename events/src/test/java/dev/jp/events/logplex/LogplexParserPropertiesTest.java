package dev.jp.events.logplex;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/**
 * The logplex framing as a sender and a hostile peer see it: whatever frames a sender writes come
 * back unchanged however the bytes are split across reads (multi-byte UTF-8 cut in the middle
 * included), and whatever bytes arrive, the parser answers frames or its own
 * {@link MalformedFrameException}, never another exception.
 */
class LogplexParserPropertiesTest {

    @Property(tries = 500)
    void frames_round_trip_through_any_split_of_their_bytes(
            @ForAll("frames") @Size(max = 15) List<LogplexFrame> frames, @ForAll("cuts") List<Integer> cuts)
            throws MalformedFrameException {
        byte[] body = body(frames);

        assertThat(LogplexParser.parseBody(body)).isEqualTo(frames);

        LogplexParser stream = new LogplexParser();
        List<LogplexFrame> streamed = new ArrayList<>();
        int from = 0;
        for (int cut : cuts.stream().map(c -> body.length == 0 ? 0 : c % (body.length + 1)).sorted().toList()) {
            streamed.addAll(stream.feed(body, from, cut - from));
            from = cut;
        }
        streamed.addAll(stream.feed(body, from, body.length - from));
        assertThat(streamed).isEqualTo(frames);
        assertThat(stream.midFrame()).isFalse();
    }

    @Property(tries = 2000)
    void arbitrary_bytes_are_frames_or_malformed_never_another_exception(
            @ForAll @Size(max = 400) byte[] bytes, @ForAll @IntRange(min = 1, max = 50) int chunk) {
        try {
            LogplexParser.parseBody(bytes);
        } catch (MalformedFrameException expected) {
            // the only failure allowed
        }
        LogplexParser stream = new LogplexParser();
        try {
            for (int i = 0; i < bytes.length; i += chunk) {
                stream.feed(bytes, i, Math.min(chunk, bytes.length - i));
            }
        } catch (MalformedFrameException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 1000)
    void a_valid_body_with_bytes_flipped_is_frames_or_malformed_never_another_exception(
            @ForAll("frames") @Size(min = 1, max = 5) List<LogplexFrame> frames,
            @ForAll @Size(min = 1, max = 8) List<@IntRange(min = 0, max = 100_000) Integer> positions,
            @ForAll byte value) {
        byte[] body = body(frames);
        positions.forEach(p -> body[p % body.length] = value);
        try {
            LogplexParser.parseBody(body);
        } catch (MalformedFrameException expected) {
            // the only failure allowed
        }
    }

    @Property(tries = 300)
    void bytes_that_are_not_utf8_in_a_message_are_replaced_never_fatal(@ForAll @Size(max = 200) byte[] message)
            throws MalformedFrameException {
        byte[] header = "<190>1 2026-11-21T10:14:40.123456+00:00 host app web.1 - - ".getBytes(StandardCharsets.US_ASCII);
        byte[] frame = new byte[header.length + message.length];
        System.arraycopy(header, 0, frame, 0, header.length);
        System.arraycopy(message, 0, frame, header.length, message.length);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.writeBytes((frame.length + " ").getBytes(StandardCharsets.US_ASCII));
        body.writeBytes(frame);

        List<LogplexFrame> parsed = LogplexParser.parseBody(body.toByteArray());

        assertThat(parsed).hasSize(1);
        assertThat(parsed.get(0).procId()).isEqualTo("web.1");
    }

    @Provide
    Arbitrary<List<Integer>> cuts() {
        return Arbitraries.integers().between(0, 1_000_000).list().ofMaxSize(12);
    }

    @Provide
    Arbitrary<List<LogplexFrame>> frames() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12);
        // Any Unicode text, including 2-, 3- and 4-byte UTF-8 sequences (surrogate pairs in Java).
        Arbitrary<String> message = Arbitraries.oneOf(
                        Arbitraries.strings().all().ofMaxLength(200),
                        Arbitraries.strings().withChars("aé€𝄞😀 \t\r\n").ofMaxLength(200))
                .filter(LogplexParserPropertiesTest::isWellFormedUnicode)
                // What the parser trims by design: one trailing newline and a leading byte-order mark.
                .filter(m -> !m.endsWith("\n") && !m.startsWith("\uFEFF"));
        Arbitrary<String> timestamp = Arbitraries.longs().between(0, 4_000_000_000L)
                .map(s -> LogplexFrame.timestamp(Instant.ofEpochSecond(s, 123_456_000)));
        Arbitrary<LogplexFrame> frame = Combinators.combine(
                        Arbitraries.integers().between(0, 191), timestamp, token, token, token, message)
                .as((pri, ts, host, source, dyno, msg) -> new LogplexFrame(pri, ts, host, source, dyno, "-", msg))
                .filter(f -> f.toSyslog().getBytes(StandardCharsets.UTF_8).length <= LogplexParser.MAX_FRAME_BYTES);
        return frame.list();
    }

    private static byte[] body(List<LogplexFrame> frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.toOctetCounted()));
        return out.toByteArray();
    }

    /** Lone surrogates cannot be encoded as UTF-8, so no sender could write them. */
    private static boolean isWellFormedUnicode(String s) {
        return StandardCharsets.UTF_8.newEncoder().canEncode(s);
    }
}
