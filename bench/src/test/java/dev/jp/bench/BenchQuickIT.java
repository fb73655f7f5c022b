package dev.jp.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code ./jp bench --quick} in the build: every measure runs against a real platform and yields
 * its figures. Whether a goal was met is not asserted; speed lives in full runs. All but
 * {@code jp-ps}, which times the {@code ./jp} launcher: on a fresh clone the launcher would first
 * build the project, a Maven build inside this one.
 */
class BenchQuickIT {

    @Test
    void every_measure_runs_and_reports_jp_beside_its_limit() throws Exception {
        Path home = Path.of("..").toAbsolutePath().normalize();
        List<String> names = Bench.names().stream().filter(name -> !name.equals("jp-ps")).toList();

        List<Result> results = Bench.measure(home, names, true);

        assertThat(results).extracting(Result::name).containsAll(names.stream()
                .filter(name -> !name.equals("memory")).toList());
        assertThat(results).allSatisfy(result -> {
            assertThat(result.jp().median()).as(result.name()).isPositive();
            assertThat(result.unit()).as(result.name()).isNotBlank();
        });
    }
}
