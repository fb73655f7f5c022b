package dev.jp.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AppOptionTest {

    @TempDir
    Path dir;

    private Context in(Path cwd, Map<String, String> env) {
        return new Context(env, cwd, System.out, System.err, false);
    }

    @Test
    void the_option_wins_then_the_environment_then_the_nearest_jp_file() throws Exception {
        Path sub = Files.createDirectories(dir.resolve("app/src/main"));
        AppOption.write(dir.resolve("app"), "from-file");
        AppOption option = new AppOption();
        assertThat(option.resolve(in(sub, Map.of()))).isEqualTo("from-file");
        assertThat(option.resolve(in(sub, Map.of("JP_APP", "from-env")))).isEqualTo("from-env");
        option.app = "from-option";
        assertThat(option.resolve(in(sub, Map.of("JP_APP", "from-env")))).isEqualTo("from-option");
    }

    @Test
    void no_app_anywhere_is_a_usage_error() {
        assertThatThrownBy(() -> new AppOption().resolve(in(dir, Map.of())))
                .isInstanceOf(CliException.class)
                .satisfies(e -> assertThat(((CliException) e).exitCode()).isEqualTo(ExitCodes.USAGE));
    }
}
