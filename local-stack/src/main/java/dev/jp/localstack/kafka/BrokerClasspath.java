package dev.jp.localstack.kafka;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The Kafka broker's classpath, resolved by the {@code kafka-broker} module at build time and kept
 * apart from this JVM's (whose kafka-clients the Quarkus platform pins).
 */
final class BrokerClasspath {

    private static final String RESOURCE = "/kafka-broker.classpath";

    private BrokerClasspath() {
    }

    static String resolve() {
        try (InputStream in = BrokerClasspath.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("kafka-broker.classpath is missing: build the kafka-broker module first (./mvnw package)");
            }
            String classpath = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
            String missing = Arrays.stream(classpath.split(java.io.File.pathSeparator))
                    .filter(entry -> !Files.isRegularFile(Path.of(entry)))
                    .findFirst().orElse(null);
            if (missing != null) {
                throw new IllegalStateException("the Kafka broker's jar " + missing
                        + " is gone from the local Maven repository: run ./mvnw package again");
            }
            return classpath;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
