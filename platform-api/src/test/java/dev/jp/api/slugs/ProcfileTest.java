package dev.jp.api.slugs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ProcfileTest {

    @Test
    void reads_types_in_order_with_comments_crlf_and_a_bom() {
        assertThat(Procfile.parse("\uFEFF# demo\r\nweb: java -jar app.jar --port $PORT\r\n\r\nworker:   ./work  \n"))
                .containsExactly(java.util.Map.entry("web", "java -jar app.jar --port $PORT"), java.util.Map.entry("worker", "./work"));
    }

    @Test
    void keeps_colons_inside_commands() {
        assertThat(Procfile.parse("web: env URL=http://x:1 ./web")).containsEntry("web", "env URL=http://x:1 ./web");
    }

    @Test
    void refuses_empty_binary_duplicate_invalid_and_reserved() {
        assertThatThrownBy(() -> Procfile.parse("")).hasMessageContaining("no process types");
        assertThatThrownBy(() -> Procfile.parse("# only a comment\n")).hasMessageContaining("no process types");
        assertThatThrownBy(() -> Procfile.parse("web: a\0b")).hasMessageContaining("not text");
        assertThatThrownBy(() -> Procfile.parse("web: a\nweb: b")).hasMessageContaining("line 2").hasMessageContaining("second time");
        assertThatThrownBy(() -> Procfile.parse("web server: a")).hasMessageContaining("line 1");
        assertThatThrownBy(() -> Procfile.parse("Web: a")).hasMessageContaining("lower-case");
        assertThatThrownBy(() -> Procfile.parse("web:")).hasMessageContaining("without a command");
        assertThatThrownBy(() -> Procfile.parse("run: bash")).hasMessageContaining("reserved");
        assertThatThrownBy(() -> Procfile.parse("web: " + "x".repeat(1_000_000))).hasMessageContaining("longer than");
    }
}
