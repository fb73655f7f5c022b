package dev.jp.cli.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ExitStatusFilterTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ExitStatusFilter filter = new ExitStatusFilter(out);

    private void feed(String... chunks) throws Exception {
        for (String chunk : chunks) {
            byte[] bytes = chunk.getBytes(StandardCharsets.UTF_8);
            filter.write(bytes, bytes.length);
        }
        filter.finish();
    }

    @Test
    void the_status_line_is_not_printed_and_gives_the_status() throws Exception {
        feed("total 0\n\uFFFF heroku-command-exit-status: 42\r\n");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("total 0\n");
        assertThat(filter.status()).hasValue(42);
    }

    @Test
    void a_status_line_split_across_reads_is_still_found() throws Exception {
        String line = "\uFFFF heroku-command-exit-status: 3\n";
        feed("out", line.substring(0, 1), line.substring(1, 12), line.substring(12));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("out");
        assertThat(filter.status()).hasValue(3);
    }

    @Test
    void output_that_only_starts_like_the_line_is_printed() throws Exception {
        feed("\uFFFF heroku-comm and more\n", "\uFFFF");
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("\uFFFF heroku-comm and more\n\uFFFF");
        assertThat(filter.status()).isEmpty();
    }

    @Test
    void binary_output_passes_unchanged() throws Exception {
        byte[] bytes = {0, (byte) 0xEF, (byte) 0xBF, 1, (byte) 0xFF, '\r', '\n'};
        filter.write(bytes, bytes.length);
        filter.finish();
        assertThat(out.toByteArray()).isEqualTo(bytes);
    }
}
