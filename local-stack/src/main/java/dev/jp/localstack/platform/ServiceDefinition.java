package dev.jp.localstack.platform;

import java.util.Map;

/**
 * One jp service that {@code jp up} runs from its module's Quarkus build.
 *
 * @param name   the label of its output lines, Foreman-style ({@code api.1})
 * @param module the Maven module whose {@code target/quarkus-app/quarkus-run.jar} it runs
 * @param port   its HTTP port on 127.0.0.1
 * @param env    its configuration, as environment variables
 */
record ServiceDefinition(String name, String module, int port, Map<String, String> env) {

    String url() {
        return "http://127.0.0.1:" + port;
    }
}
