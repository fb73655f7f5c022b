package dev.jp.api.slugs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.api.http.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/**
 * The Procfile parser against what authors write and what attackers send: any valid set of types
 * reads back as written, whatever the line endings, BOM, comments and spacing; any text at all is
 * either types that obey the rules or a 422 ({@link ApiException}), never another exception.
 */
class ProcfilePropertiesTest {

    @Property(tries = 500)
    void a_procfile_reads_back_the_types_it_was_written_from(
            @ForAll("types") Map<String, String> types, @ForAll("endings") String ending, @ForAll boolean bom,
            @ForAll("spacing") String before, @ForAll("spacing") String after, @ForAll boolean comments) {
        StringBuilder text = new StringBuilder(bom ? "\uFEFF" : "");
        types.forEach((type, command) -> {
            if (comments) {
                text.append("# ").append(type).append(ending).append(ending);
            }
            text.append(type).append(before).append(':').append(after).append(command).append(ending);
        });

        assertThat(Procfile.parse(text.toString())).containsExactlyEntriesOf(types);
    }

    @Property(tries = 3000)
    void any_text_is_valid_types_or_a_422(@ForAll("text") String text) {
        Map<String, String> types;
        try {
            types = Procfile.parse(text);
        } catch (ApiException refused) {
            assertThat(refused.getMessage()).isNotBlank();
            return;
        }
        assertThat(types).isNotEmpty().allSatisfy((type, command) -> {
            assertThat(type).matches("[a-z][a-z0-9_-]{0,29}").isNotEqualTo("run");
            assertThat(command).isNotBlank().doesNotContain("\n", "\r", "\0").hasSizeLessThanOrEqualTo(4096);
        });
    }

    @Provide
    Arbitrary<String> text() {
        Arbitrary<String> line = Arbitraries.oneOf(
                Arbitraries.strings().all().ofMaxLength(40),
                Arbitraries.strings().withChars("web:worker- _#\t\r\n\uFEFF\u0000\u2028é").ofMaxLength(40),
                Combinators.combine(Arbitraries.of("web", "Web", "run", "a-b", "1x", "w"), Arbitraries.strings().ofMaxLength(20))
                        .as((type, command) -> type + ": " + command));
        return line.list().ofMaxSize(8).map(lines -> String.join("\n", lines));
    }

    @Provide
    Arbitrary<Map<String, String>> types() {
        Arbitrary<String> type = Combinators.combine(Arbitraries.chars().range('a', 'z'),
                        Arbitraries.strings().withCharRange('a', 'z').withCharRange('0', '9').withChars('-', '_').ofMaxLength(29))
                .as((first, rest) -> first + rest).filter(t -> !t.equals("run"));
        Arbitrary<String> command = Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80)
                .filter(c -> c.chars().noneMatch(ch -> ch == '\n' || ch == '\r' || ch == 0 || ch == 0x85 || ch == 0x2028 || ch == 0x2029))
                .map(String::strip).filter(c -> !c.isEmpty());
        return Arbitraries.maps(type, command).ofMinSize(1).ofMaxSize(6).map(LinkedHashMap::new);
    }

    @Provide
    Arbitrary<String> endings() {
        return Arbitraries.of("\n", "\r\n", "\r");
    }

    @Provide
    Arbitrary<String> spacing() {
        return Arbitraries.of("", " ", "  ", "\t");
    }
}
