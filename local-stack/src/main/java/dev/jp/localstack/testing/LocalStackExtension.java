package dev.jp.localstack.testing;

import dev.jp.localstack.LocalStack;
import dev.jp.localstack.postgres.DatabaseUrl;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Gives a plain JUnit test the test JVM's real stack: {@code @ExtendWith(LocalStackExtension.class)},
 * then take a {@link LocalStack} or this JVM's {@link DatabaseUrl} as a parameter.
 */
public class LocalStackExtension implements ParameterResolver {

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == LocalStack.class || type == DatabaseUrl.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == LocalStack.class ? TestStack.get() : TestStack.database();
    }
}
