package dev.jp.cli.run;

import dev.jp.cli.CliException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code -e/--env} as Heroku's run takes it: {@code KEY=value;KEY2=value2}, and repeatable. */
final class RunEnv {

    private RunEnv() {
    }

    static Map<String, Object> parse(List<String> options) {
        Map<String, Object> env = new LinkedHashMap<>();
        for (String option : options) {
            for (String pair : option.split(";")) {
                if (pair.isBlank()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                if (eq <= 0) {
                    throw CliException.usage("'" + pair + "' is not KEY=value (several: --env 'A=1;B=2')");
                }
                env.put(pair.substring(0, eq).trim(), pair.substring(eq + 1));
            }
        }
        return env;
    }
}
