package dev.jp.logs.lines;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LineFilterTest {

    private static LogLine line(String source, String dyno) {
        return new LogLine("2026-11-21T10:14:40.123456+00:00", source, dyno, "m");
    }

    @Test
    void a_process_type_matches_its_dynos_and_no_other_type_with_the_same_prefix() {
        LineFilter web = new LineFilter("web", null);

        assertThat(web.matches(line("app", "web.1"))).isTrue();
        assertThat(web.matches(line("app", "web.12"))).isTrue();
        assertThat(web.matches(line("app", "web"))).isTrue();
        assertThat(web.matches(line("app", "webhook.1"))).isFalse();
        assertThat(web.matches(line("app", "worker.1"))).isFalse();
    }

    @Test
    void a_dyno_name_matches_that_dyno_only() {
        LineFilter web1 = new LineFilter("web.1", null);

        assertThat(web1.matches(line("heroku", "web.1"))).isTrue();
        assertThat(web1.matches(line("app", "web.10"))).isFalse();
    }

    @Test
    void a_source_filters_independently_of_the_dyno() {
        assertThat(new LineFilter(null, "heroku").matches(line("heroku", "router"))).isTrue();
        assertThat(new LineFilter(null, "heroku").matches(line("app", "web.1"))).isFalse();
        assertThat(new LineFilter("api", "app").matches(line("app", "api"))).isTrue();
        assertThat(LineFilter.ALL.matches(line("app", "anything"))).isTrue();
    }
}
