package dev.jp.runner.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

    private final List<String> lines = new ArrayList<>();
    private final LineSplitter splitter = new LineSplitter(line -> lines.add(line.text()));

    private void feed(byte[] bytes) {
        splitter.accept(bytes, 0, bytes.length);
    }

    @Test
    void splits_at_newlines_across_reads_and_drops_carriage_returns() {
        feed("one\r\ntw".getBytes(StandardCharsets.UTF_8));
        feed("o\n\nthree".getBytes(StandardCharsets.UTF_8));

        assertThat(lines).containsExactly("one", "two", "");
        splitter.finish();
        assertThat(lines).containsExactly("one", "two", "", "three");
    }

    @Test
    void cuts_lines_over_10000_bytes_without_splitting_a_character() {
        byte[] ascii = "a".repeat(9_999).getBytes(StandardCharsets.UTF_8);
        byte[] euro = "€€\n".getBytes(StandardCharsets.UTF_8); // 3 bytes each
        feed(ascii);
        feed(euro);

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).isEqualTo("a".repeat(9_999));
        assertThat(lines.get(1)).isEqualTo("€€");
        assertThat(lines).allSatisfy(l -> assertThat(l.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(10_000));
    }

    @Test
    void splits_a_long_line_into_pieces_that_keep_every_byte() {
        feed(("x".repeat(25_000) + "\n").getBytes(StandardCharsets.UTF_8));

        assertThat(lines).extracting(String::length).containsExactly(10_000, 10_000, 5_000);
    }

    @Test
    void replaces_invalid_utf8() {
        feed(new byte[] {'o', 'k', (byte) 0xff, (byte) 0xc3, '\n'});

        assertThat(lines).containsExactly("ok\uFFFD\uFFFD");
    }

    @Test
    void flushes_nothing_when_the_stream_ended_on_a_newline() {
        feed("done\n".getBytes(StandardCharsets.UTF_8));
        splitter.finish();

        assertThat(lines).containsExactly("done");
    }
}
