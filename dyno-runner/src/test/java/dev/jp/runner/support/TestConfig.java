package dev.jp.runner.support;

import dev.jp.runner.RunnerConfig;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.util.HashMap;
import java.util.Map;

/** A {@link RunnerConfig} with the mapping's own defaults and the test's overrides, without Quarkus. */
public final class TestConfig {

    private TestConfig() {
    }

    public static RunnerConfig with(Map<String, String> overrides) {
        Map<String, String> values = new HashMap<>(overrides);
        // These tests hold dynos to tight timings (a web dyno up within 3 s) on a CI machine shared
        // with other builds, which dynos at niceness 19 miss; DynoPriorityTest tests the priority.
        values.putIfAbsent("jp.runner.dyno-nice", "0");
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withMapping(RunnerConfig.class)
                .addDefaultInterceptors()
                // Quarkus' own duration format ("30s", "5m"), as in application.properties.
                .withConverter(java.time.Duration.class, 100, new io.quarkus.runtime.configuration.DurationConverter())
                .withDefaultValues(Map.of("java.io.tmpdir", System.getProperty("java.io.tmpdir")))
                .withSources(new io.smallrye.config.PropertiesConfigSource(values, "test", 500))
                .build();
        return config.getConfigMapping(RunnerConfig.class);
    }
}
