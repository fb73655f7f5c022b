package dev.jp.cli.run;

import dev.jp.cli.AppOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What run and run:detached share: the app, the command, its environment and size, and the request they make. */
final class OneOffOptions {

    @Mixin
    AppOption app;

    @Option(names = {"-e", "--env"}, paramLabel = "KEY=VALUE", description = "Environment for this dyno: 'A=1;B=2'; repeatable.")
    List<String> env = List.of();

    @Option(names = {"-s", "--size"}, paramLabel = "SIZE", description = "The dyno size (default: the app's).")
    String size;

    @Parameters(arity = "1..*", paramLabel = "COMMAND", description = "The command and its arguments.")
    List<String> command;

    String commandLine() {
        return String.join(" ", command);
    }

    /** The user's {@code --env}, checked, over {@code base}. */
    Map<String, Object> environment(Map<String, Object> base) {
        Map<String, Object> environment = new LinkedHashMap<>(base);
        environment.putAll(RunEnv.parse(env));
        return environment;
    }

    /** The body of {@code POST /apps/{app}/dynos}; the environment only when it holds something. */
    Map<String, Object> request(boolean attach, Map<String, Object> environment) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("command", commandLine());
        request.put("attach", attach);
        if (!environment.isEmpty()) {
            request.put("env", environment);
        }
        if (size != null) {
            request.put("size", size);
        }
        return request;
    }
}
