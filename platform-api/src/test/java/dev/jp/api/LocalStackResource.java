package dev.jp.api;

import dev.jp.localstack.testing.LocalStackTestResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every @QuarkusTest of this module runs against the test JVM's real Kafka broker and database. */
@QuarkusTestResource(LocalStackTestResource.class)
public class LocalStackResource {
}
