package dev.jp.runner;

import dev.jp.runner.dynos.DynoView;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Starts this service's runner with the application and stops its dynos gracefully with it. */
@ApplicationScoped
public class RunnerLifecycle {

    private final RunnerConfig config;
    private final String bootstrapServers;
    private DynoRunner runner;

    RunnerLifecycle(RunnerConfig config, @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.config = config;
        this.bootstrapServers = bootstrapServers;
    }

    void start(@Observes StartupEvent event) {
        if (config.runner().enabled()) {
            runner = DynoRunner.start(config, bootstrapServers);
        }
    }

    /** The dynos this service's runner runs; none when the runner is disabled. */
    public List<DynoView> dynos() {
        return runner == null ? List.of() : runner.dynos();
    }

    void stop(@Observes ShutdownEvent event) {
        if (runner != null) {
            runner.close();
        }
    }
}
