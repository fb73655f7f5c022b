package dev.jp.localstack.testing;

import dev.jp.localstack.LocalStack;
import dev.jp.localstack.postgres.DatabaseUrl;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.HashMap;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at the test JVM's real broker and its fresh database:
 * {@code @QuarkusTestResource(value = LocalStackTestResource.class, restrictToAnnotatedClass = false)}.
 * The stack outlives each Quarkus application, so {@link #stop()} leaves it running.
 */
public class LocalStackTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        LocalStack stack = TestStack.get();
        DatabaseUrl database = TestStack.database();
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", stack.kafkaBootstrapServers());
        config.put("quarkus.datasource.reactive.url", database.reactiveUrl());
        config.put("quarkus.datasource.username", database.user());
        if (database.password() != null) {
            config.put("quarkus.datasource.password", database.password());
        }
        return config;
    }

    @Override
    public void stop() {
        // Shared by every test class of this JVM; TestStack stops it at exit.
    }
}
