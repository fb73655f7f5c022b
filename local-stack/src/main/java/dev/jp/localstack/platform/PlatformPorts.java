package dev.jp.localstack.platform;

import dev.jp.localstack.Environment;
import dev.jp.localstack.process.FreePort;
import java.util.List;

/**
 * The services' ports on 127.0.0.1: DESIGN.md's defaults, each overridable by environment
 * ({@code JP_API_PORT}, {@code JP_LOG_ROUTER_PORT}, {@code JP_RUNNER_PORT}, {@code JP_RENDEZVOUS_PORT}).
 *
 * @param rendezvous platform-api's TLS rendezvous for attached one-offs ({@code heroku run})
 */
public record PlatformPorts(int api, int logRouter, int runner, int rendezvous) {

    public static PlatformPorts fromEnvironment() {
        return new PlatformPorts(Environment.port("JP_API_PORT", 5100),
                Environment.port("JP_LOG_ROUTER_PORT", 5101),
                Environment.port("JP_RUNNER_PORT", 5103),
                Environment.port("JP_RENDEZVOUS_PORT", 5102));
    }

    /** Free ports, for a platform that must not collide with anything already running. */
    public static PlatformPorts free() {
        return new PlatformPorts(FreePort.pick(), FreePort.pick(), FreePort.pick(), FreePort.pick());
    }

    void checkFree() {
        for (int port : List.of(api, logRouter, runner, rendezvous)) {
            if (FreePort.isListening("127.0.0.1", port)) {
                throw new IllegalStateException("port " + port + " on 127.0.0.1 is already in use: is jp already up? (jp down)");
            }
        }
    }

    public String apiUrl() {
        return "http://127.0.0.1:" + api;
    }

    public String logRouterUrl() {
        return "http://127.0.0.1:" + logRouter;
    }
}
