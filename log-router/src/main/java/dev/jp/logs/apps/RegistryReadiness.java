package dev.jp.logs.apps;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready once the router has read {@code platform.events} up to where it was at start: before,
 * it would answer 401 to tokens of apps it has simply not read yet.
 */
@Readiness
@ApplicationScoped
public class RegistryReadiness implements HealthCheck {

    private final AppRegistry registry;

    public RegistryReadiness(AppRegistry registry) {
        this.registry = registry;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("platform.events caught up")
                .status(registry.isReady()).withData("apps", registry.apps().size()).build();
    }
}
