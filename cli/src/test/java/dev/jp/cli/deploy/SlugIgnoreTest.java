package dev.jp.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SlugIgnoreTest {

    private final SlugIgnore ignore = SlugIgnore.parse("""
            # test data stays out of the slug
            *.psd
            /docs
            spec/
            tmp/**/*.log
            """);

    @Test
    void a_name_pattern_matches_at_any_depth() {
        assertThat(ignore.ignores("art.psd")).isTrue();
        assertThat(ignore.ignores("assets/img/art.psd")).isTrue();
        assertThat(ignore.ignores("art.png")).isFalse();
    }

    @Test
    void a_leading_slash_anchors_at_the_root() {
        assertThat(ignore.ignores("docs/index.md")).isTrue();
        assertThat(ignore.ignores("app/docs/index.md")).isFalse();
    }

    @Test
    void a_matched_directory_takes_its_contents() {
        assertThat(ignore.ignores("spec/a/b_spec.rb")).isTrue();
        assertThat(ignore.ignores("lib/spec/x.rb")).isTrue();
    }

    @Test
    void double_star_crosses_directories() {
        assertThat(ignore.ignores("tmp/a/b/c.log")).isTrue();
        assertThat(ignore.ignores("tmp/c.log")).isTrue();
        assertThat(ignore.ignores("tmp/c.txt")).isFalse();
    }

    @Test
    void git_is_never_packed_and_comments_are_not_patterns() {
        assertThat(ignore.ignores(".git/HEAD")).isTrue();
        assertThat(ignore.ignores("vendor/x/.git/config")).isTrue();
        assertThat(ignore.ignores("# test data stays out of the slug")).isFalse();
        assertThat(SlugIgnore.parse("").ignores("Procfile")).isFalse();
    }
}
