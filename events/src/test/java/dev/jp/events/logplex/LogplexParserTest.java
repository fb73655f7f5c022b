package dev.jp.events.logplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class LogplexParserTest {

    private static final String TS = "2026-11-21T10:14:40.123456+00:00";

    private static LogplexFrame line(String dyno, String message) {
        return new LogplexFrame(LogplexFrame.INFO, TS, "host", "app", dyno, "-", message);
    }

    private static byte[] body(LogplexFrame... frames) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (LogplexFrame frame : frames) {
            out.writeBytes(frame.toOctetCounted());
        }
        return out.toByteArray();
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void reads_every_frame_of_a_body_with_its_fields_verbatim() throws Exception {
        List<LogplexFrame> frames = LogplexParser.parseBody(body(line("web.1", "hello"), line("api", "Scale to web=2")));

        assertThat(frames).containsExactly(line("web.1", "hello"), line("api", "Scale to web=2"));
        assertThat(frames.get(0).timestamp()).isEqualTo(TS);
    }

    @Test
    void counts_lengths_in_bytes_of_multi_byte_utf8() throws Exception {
        LogplexFrame accented = line("web.1", "héllo ✓ 😀");
        byte[] body = body(accented, line("web.2", "ünïcode"));

        assertThat(LogplexParser.parseBody(body)).containsExactly(accented, line("web.2", "ünïcode"));
    }

    @Test
    void keeps_a_frame_split_across_reads_until_it_is_complete() throws Exception {
        byte[] body = body(line("web.1", "first ✓"), line("web.2", "second"), line("web.3", "third"));
        // Every split point, including inside the length prefix and inside a multi-byte character.
        for (int split = 1; split < body.length; split++) {
            LogplexParser parser = new LogplexParser();
            List<LogplexFrame> frames = new ArrayList<>(parser.feed(body, 0, split));
            frames.addAll(parser.feed(body, split, body.length - split));
            assertThat(frames).as("split at %d", split).hasSize(3);
            assertThat(parser.midFrame()).isFalse();
        }
    }

    @Test
    void feeds_one_byte_at_a_time() throws Exception {
        byte[] body = body(line("web.1", "a"), line("web.1", "b"));
        LogplexParser parser = new LogplexParser();
        List<LogplexFrame> frames = new ArrayList<>();
        for (int i = 0; i < body.length; i++) {
            frames.addAll(parser.feed(body, i, 1));
        }
        assertThat(parser.midFrame()).isFalse();
        assertThat(frames).extracting(LogplexFrame::message).containsExactly("a", "b");
    }

    @Test
    void tolerates_one_trailing_newline_in_a_message_and_newlines_between_frames() throws Exception {
        String frame = "<190>1 " + TS + " host app web.1 - - hello\n";
        byte[] body = utf8(utf8(frame).length + " " + frame + "\n" + utf8(frame).length + " " + frame);

        assertThat(LogplexParser.parseBody(body)).extracting(LogplexFrame::message).containsExactly("hello", "hello");
    }

    @Test
    void replaces_bytes_that_are_not_utf8() throws Exception {
        byte[] head = utf8("<190>1 " + TS + " host app web.1 - - bad ");
        byte[] frame = new byte[head.length + 2];
        System.arraycopy(head, 0, frame, 0, head.length);
        frame[head.length] = (byte) 0xC3; // a lead byte without its continuation
        frame[head.length + 1] = (byte) 0xFF;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(utf8(frame.length + " "));
        out.writeBytes(frame);

        assertThat(LogplexParser.parseBody(out.toByteArray()).get(0).message()).isEqualTo("bad \uFFFD\uFFFD");
    }

    @Test
    void accepts_an_empty_message_and_skips_structured_data() throws Exception {
        String noMsg = "<190>1 " + TS + " host app web.1 - -";
        String sd = "<190>1 " + TS + " host app web.1 - [meta x=\"a\\]b\"][other] with sd";
        byte[] body = utf8(noMsg.length() + " " + noMsg + sd.length() + " " + sd);

        assertThat(LogplexParser.parseBody(body)).extracting(LogplexFrame::message).containsExactly("", "with sd");
    }

    @Test
    void a_frame_over_10240_bytes_is_malformed_and_one_at_the_limit_is_not() throws Exception {
        String head = "<190>1 " + TS + " host app web.1 - - ";
        String atLimit = head + "x".repeat(LogplexParser.MAX_FRAME_BYTES - head.length());
        String over = atLimit + "x";

        assertThat(LogplexParser.parseBody(utf8(atLimit.length() + " " + atLimit))).hasSize(1);
        assertThatThrownBy(() -> LogplexParser.parseBody(utf8(over.length() + " " + over)))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("longer than 10240");
        // Refused from the length prefix alone, before the bytes arrive.
        assertThatThrownBy(() -> new LogplexParser().feed(utf8("99999999999"), 0, 11))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void a_length_that_lies_is_malformed() {
        String frame = "<190>1 " + TS + " host app web.1 - - hello";
        int real = utf8(frame).length;

        assertThatThrownBy(() -> LogplexParser.parseBody(utf8((real + 5) + " " + frame)))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("ends inside a frame");
        assertThatThrownBy(() -> LogplexParser.parseBody(utf8((real - 3) + " " + frame + real + " " + frame)))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void a_length_counted_in_characters_instead_of_bytes_is_malformed() {
        String frame = "<190>1 " + TS + " host app web.1 - - ✓✓✓ and more";
        String next = "<190>1 " + TS + " host app web.1 - - next";

        assertThatThrownBy(() -> LogplexParser.parseBody(utf8(frame.length() + " " + frame + next.length() + " " + next)))
                .isInstanceOf(MalformedFrameException.class);
    }

    @Test
    void rejects_bad_prefixes_and_headers() {
        String ok = "<190>1 " + TS + " host app web.1 - - x";
        for (String bad : List.of(
                "abc",
                "012 " + ok,
                "5x" + ok,
                framed("<192>1 " + TS + " host app web.1 - - x"),
                framed("190>1 " + TS + " host app web.1 - - x"),
                framed("<190>2 " + TS + " host app web.1 - - x"),
                framed("<190>1 yesterday host app web.1 - - x"),
                framed("<190>1 " + TS + " host app web.1 -"),
                framed("<190>1 " + TS + " host app web.1 - x"),
                framed("<190>1 " + TS + "  host app web.1 - - x"),
                framed("<190>1 " + TS + " host app web.1 - [unclosed"))) {
            assertThatThrownBy(() -> LogplexParser.parseBody(utf8(bad)))
                    .as(bad).isInstanceOf(MalformedFrameException.class);
        }
    }

    @Test
    void checks_the_declared_count_when_there_is_one() throws Exception {
        byte[] body = body(line("web.1", "a"), line("web.1", "b"));

        assertThat(LogplexParser.parseBody(body, OptionalInt.of(2))).hasSize(2);
        assertThat(LogplexParser.parseBody(body, OptionalInt.empty())).hasSize(2);
        assertThatThrownBy(() -> LogplexParser.parseBody(body, OptionalInt.of(3)))
                .isInstanceOf(MalformedFrameException.class).hasMessageContaining("Logplex-Msg-Count is 3");
    }

    @Test
    void an_empty_body_holds_no_frames() throws Exception {
        assertThat(LogplexParser.parseBody(new byte[0])).isEmpty();
    }

    private static String framed(String frame) {
        return utf8(frame).length + " " + frame;
    }

    @Test
    void takes_rfc3339_timestamps_and_nothing_else() {
        for (String good : new String[] {"2026-11-21T10:14:40Z", "2026-11-21T10:14:40.1Z", "2026-11-21T10:14:40.123456+00:00",
                "2026-11-21T10:14:40.123456789-05:30", "2026-11-21T10:14:40+01:00"}) {
            assertThat(LogplexParser.isRfc3339(good)).as(good).isTrue();
        }
        for (String bad : new String[] {"2026-11-21 10:14:40Z", "2026-11-21T10:14:40", "2026-11-21T10:14:40.Z",
                "2026-11-21T10:14:40.1234567890Z", "2026-11-21T10:14:40+0100", "2026-11-21T10:14:40+01:00x",
                "2026-11-21T10:14:4aZ", "26-11-21T10:14:40Z", "2026-11-21T10:14:40.123z", "2026-11-21T10:14:40ZZ"}) {
            assertThat(LogplexParser.isRfc3339(bad)).as(bad).isFalse();
        }
    }
}
