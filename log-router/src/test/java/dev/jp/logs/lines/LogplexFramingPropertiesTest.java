package dev.jp.logs.lines;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logplex.LogplexParser;
import dev.jp.events.logplex.MalformedFrameException;
import java.io.ByteArrayOutputStream;
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
 * The intake's framing ({@code events}' {@link LogplexParser}) against what senders write with
 * {@link LogplexFrame#toOctetCounted()}: here because this module may use jqwik.
 */
class LogplexFramingPropertiesTest {

    @Property(tries = 300)
    void a_body_of_frames_parses_back_to_the_same_frames_however_it_is_split(
            @ForAll("frames") @Size(max = 20) List<LogplexFrame> frames, @ForAll @IntRange(min = 1, max = 64) int chunk)
            throws MalformedFrameException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        frames.forEach(f -> out.writeBytes(f.toOctetCounted()));
        byte[] body = out.toByteArray();

        assertThat(LogplexParser.parseBody(body)).isEqualTo(frames);

        LogplexParser stream = new LogplexParser();
        List<LogplexFrame> streamed = new ArrayList<>();
        for (int i = 0; i < body.length; i += chunk) {
            streamed.addAll(stream.feed(body, i, Math.min(chunk, body.length - i)));
        }
        assertThat(streamed).isEqualTo(frames);
        assertThat(stream.midFrame()).isFalse();
    }

    @Property(tries = 500)
    void a_frame_becomes_the_same_record_straight_from_its_bytes(
            @ForAll("frames") @Size(min = 1, max = 10) List<LogplexFrame> frames,
            @ForAll @Size(max = 8) List<@IntRange(min = 0x80, max = 0xff) Integer> stray) throws MalformedFrameException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LogplexFrame frame : frames) {
            // Bytes that may not be UTF-8 at the end of the message: replaced, as the String path does.
            byte[] syslog = frame.toSyslog().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            byte[] withStray = java.util.Arrays.copyOf(syslog, syslog.length + stray.size());
            for (int i = 0; i < stray.size(); i++) {
                withStray[syslog.length + i] = (byte) (int) stray.get(i);
            }
            if (withStray.length > LogplexParser.MAX_FRAME_BYTES) {
                continue;
            }
            out.writeBytes((withStray.length + " ").getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            out.writeBytes(withStray);
        }
        List<byte[]> direct = new ArrayList<>();
        List<byte[]> throughStrings = new ArrayList<>();
        LogplexParser.parseBody(out.toByteArray(), java.util.OptionalInt.empty(), raw -> {
            direct.add(LogLine.encode(raw));
            LogplexFrame f = raw.toFrame();
            throughStrings.add(new LogLine(f.priority(), f.timestamp(), f.appName(), f.procId(), f.message()).encode());
        });
        assertThat(direct).hasSameSizeAs(throughStrings);
        for (int i = 0; i < direct.size(); i++) {
            assertThat(direct.get(i)).isEqualTo(throughStrings.get(i));
        }
    }

    @Property(tries = 1000)
    void arbitrary_bytes_are_frames_or_malformed_never_a_crash(@ForAll @Size(max = 300) byte[] bytes) {
        try {
            LogplexParser.parseBody(bytes);
        } catch (MalformedFrameException expected) {
            // the only failure allowed
        }
    }

    @Provide
    Arbitrary<List<LogplexFrame>> frames() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> message = Arbitraries.strings()
                .withCharRange(' ', '\uD7FF').withChars('\t', '\r', '\n', '\u00e9', '\u2713')
                .ofMaxLength(400)
                // What the parser trims by design: a trailing newline and a leading byte-order mark.
                .filter(m -> !m.endsWith("\n") && !m.startsWith("\uFEFF"));
        Arbitrary<String> timestamp = Arbitraries.longs().between(0, 4_000_000_000L)
                .map(s -> LogplexFrame.timestamp(java.time.Instant.ofEpochSecond(s, 123_456_000)));
        Arbitrary<LogplexFrame> frame = Combinators.combine(
                Arbitraries.integers().between(0, 191), timestamp, token, Arbitraries.of("app", "heroku"), token, message)
                .as((pri, ts, host, source, dyno, msg) -> new LogplexFrame(pri, ts, host, source, dyno, "-", msg))
                .filter(f -> f.toSyslog().getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                        <= LogplexParser.MAX_FRAME_BYTES);
        return frame.list();
    }
}
