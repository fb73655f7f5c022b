package dev.jp.cli.config;

import dev.jp.cli.CliException;
import dev.jp.cli.api.Node;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Config vars as the commands read and write them: sorted for printing; {@code K=V} arguments parsed. */
final class ConfigVars {

    private ConfigVars() {
    }

    static Map<String, String> sorted(Node config) {
        Map<String, String> values = new TreeMap<>();
        config.map().forEach((key, value) -> values.put(key, new Node(value).text()));
        return values;
    }

    /** {@code KEY=value} pairs; the value may itself hold {@code =} and may be empty. */
    static Map<String, Object> assignments(List<String> args) {
        Map<String, Object> values = new LinkedHashMap<>();
        for (String arg : args) {
            int eq = arg.indexOf('=');
            if (eq <= 0) {
                throw CliException.usage("'" + arg + "' is not KEY=value");
            }
            values.put(arg.substring(0, eq), arg.substring(eq + 1));
        }
        return values;
    }

    /** {@code A, B}, as Heroku names the keys it changes. */
    static String names(java.util.Collection<String> keys) {
        return String.join(", ", keys);
    }
}
