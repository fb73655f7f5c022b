package dev.jp.api.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class RangeTest {

    private static final List<Long> VERSIONS = LongStream.rangeClosed(1, 5).boxed().toList();

    @Test
    void reads_the_forms_the_heroku_cli_sends() {
        assertThat(Range.parse("version ..; max=15, order=desc", "id")).isEqualTo(new Range("version", "", false, 15, true));
        assertThat(Range.parse("version ..; order=desc,max=1", "id")).isEqualTo(new Range("version", "", false, 1, true));
        assertThat(Range.parse("version ]3..; max=2, order=desc", "id")).isEqualTo(new Range("version", "3", true, 2, true));
        assertThat(Range.parse(null, "version")).isEqualTo(new Range("version", "", false, Range.DEFAULT_MAX, false));
    }

    @Test
    void offers_a_next_range_only_while_items_remain() {
        Range.Page<Long> first = Range.parse("version ..; max=2, order=desc", "id").page(VERSIONS, v -> v);
        assertThat(first.items()).containsExactly(5L, 4L);
        assertThat(first.nextRange()).isEqualTo("version ]4..; max=2, order=desc");

        Range.Page<Long> second = Range.parse(first.nextRange(), "id").page(VERSIONS, v -> v);
        Range.Page<Long> last = Range.parse(second.nextRange(), "id").page(VERSIONS, v -> v);
        assertThat(second.items()).containsExactly(3L, 2L);
        assertThat(last.items()).containsExactly(1L);
        assertThat(last.nextRange()).isNull();
    }

    @Test
    void refuses_a_malformed_header() {
        assertThatThrownBy(() -> Range.parse("nonsense", "id")).isInstanceOf(ApiException.class);
    }
}
