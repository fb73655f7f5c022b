package dev.jp.localstack.process;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run as a child of the local stack.
 *
 * @param name        the label of its output lines and its pid file ({@code kafka}, {@code api.1})
 * @param command     the program and its arguments
 * @param directory   the working directory
 * @param environment variables added to the inherited environment
 * @param pidFile     where its pid is kept while it runs
 * @param runAsUser   an unprivileged user to run it as (needed when this JVM is root), or null
 * @param deathSignal the signal it gets when this JVM dies, e.g. {@code TERM} or {@code INT}
 */
public record ChildSpec(String name, List<String> command, Path directory, Map<String, String> environment,
                        PidFile pidFile, String runAsUser, String deathSignal) {

    public ChildSpec {
        Objects.requireNonNull(name, "name");
        command = List.copyOf(command);
        Objects.requireNonNull(directory, "directory");
        environment = Map.copyOf(environment);
        Objects.requireNonNull(pidFile, "pidFile");
        Objects.requireNonNull(deathSignal, "deathSignal");
    }
}
