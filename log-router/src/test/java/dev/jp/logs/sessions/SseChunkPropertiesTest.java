package dev.jp.logs.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.logs.lines.LineFilter;
import dev.jp.logs.lines.LogLine;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** {@link SseChunk} renders records' bytes exactly as rendering the decoded {@link LogLine} did. */
class SseChunkPropertiesTest {

    @Property(tries = 500)
    void a_batch_renders_as_the_lines_decoded_and_rendered_one_by_one(@ForAll("lines") @Size(max = 20) List<LogLine> lines) {
        SseChunk chunk = new SseChunk(null, lines.size());
        for (int i = 0; i < lines.size(); i++) {
            assertThat(chunk.add(1_000 + i, lines.get(i).encode())).isTrue();
        }
        List<StoredLine> stored = chunk.lines();
        assertThat(stored).hasSameSizeAs(lines);
        for (int i = 0; i < lines.size(); i++) {
            LogLine line = LogLine.decode(lines.get(i).encode());
            assertThat(stored.get(i).event()).isEqualTo(reference(1_000 + i, line));
            assertThat(stored.get(i).source()).isEqualTo(line.source());
            assertThat(stored.get(i).dyno()).isEqualTo(line.dyno());
        }
    }

    @Property(tries = 200)
    void a_filter_leaves_out_what_it_refuses(@ForAll("lines") @Size(max = 20) List<LogLine> lines) {
        LineFilter filter = new LineFilter("web", "app");
        SseChunk chunk = new SseChunk(filter, lines.size());
        lines.forEach(line -> chunk.add(7, line.encode()));
        assertThat(chunk.lines()).hasSize((int) lines.stream().filter(filter::matches).count());
    }

    @Property(tries = 200)
    void a_value_that_is_not_a_line_is_refused(@ForAll @Size(max = 40) byte[] value) {
        boolean readable;
        try {
            LogLine.decode(value);
            readable = true;
        } catch (IllegalArgumentException e) {
            readable = false;
        }
        assertThat(new SseChunk(null, 1).add(1, value)).isEqualTo(readable);
    }

    /** The rendering before {@link SseChunk}: the decoded line's text, a data line per line break. */
    private static String reference(long offset, LogLine line) {
        StringBuilder out = new StringBuilder("id: ").append(offset).append('\n');
        String text = line.render();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                out.append("data: ").append(text, start, i).append('\n');
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                start = i + 1;
            }
        }
        return out.append("data: ").append(text, start, text.length()).append("\n\n").toString();
    }

    @Provide
    Arbitrary<List<LogLine>> lines() {
        Arbitrary<String> token = Arbitraries.strings().withCharRange('!', '~').ofMinLength(1).ofMaxLength(12);
        Arbitrary<String> message = Arbitraries.strings()
                .withCharRange(' ', '\uD7FF').withChars('\t', '\r', '\n', '\u00e9', '\u2713')
                .ofMaxLength(300);
        return Combinators.combine(Arbitraries.of(190, 187, 7), token, Arbitraries.of("app", "heroku"),
                        Arbitraries.of("web.1", "web.2", "worker.1", "webhook.1", "api"), message)
                .as((pri, ts, source, dyno, msg) -> new LogLine(pri, ts, source, dyno, msg))
                .list();
    }

}
