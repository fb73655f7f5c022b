package dev.jp.runner.support;

import dev.jp.runner.DynoRunner;
import java.util.HashMap;
import java.util.Map;

/**
 * A runner in a JVM of its own, for tests that kill a runner outright ({@code kill -9}): every
 * {@code -Djp.*} system property is its config, the first argument the Kafka bootstrap servers.
 */
public final class RunnerMain {

    private RunnerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> config = new HashMap<>();
        System.getProperties().stringPropertyNames().stream().filter(name -> name.startsWith("jp."))
                .forEach(name -> config.put(name, System.getProperty(name)));
        DynoRunner runner = DynoRunner.start(TestConfig.with(config), args[0]);
        Runtime.getRuntime().addShutdownHook(new Thread(runner::close));
        System.out.println("runner " + runner.host() + " started");
        Thread.currentThread().join();
    }
}
