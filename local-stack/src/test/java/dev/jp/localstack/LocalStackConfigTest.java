package dev.jp.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackConfigTest {

    @Test
    void gives_each_data_directory_its_own_database_so_no_stack_reads_anothers_projection() {
        String home = LocalStackConfig.forUp(Path.of(System.getProperty("user.home"), ".jp")).platformDatabase();
        String other = LocalStackConfig.forUp(Path.of("/tmp/elsewhere")).platformDatabase();
        String third = LocalStackConfig.forUp(Path.of("/tmp/elsewhere-too")).platformDatabase();

        assertThat(home).isEqualTo("jp");
        assertThat(other).matches("jp_[0-9a-f]{8}").isNotEqualTo(third);
        assertThat(LocalStackConfig.forUp(Path.of("/tmp/elsewhere/../elsewhere")).platformDatabase()).isEqualTo(other);
    }
}
