package dev.jp.logs.drains;

import dev.jp.logs.LogRouterConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The ports the platform's services listen on, which a drain on this machine may not reach: the
 * defaults of DESIGN.md (API, log-router, rendezvous, runner, Kafka, PostgreSQL), this router's own,
 * Kafka's as configured, and {@code jp.drains.platform-ports} (the others', when not the defaults).
 */
@ApplicationScoped
public class PlatformPorts {

    private static final List<Integer> DEFAULTS = List.of(5100, 5101, 5102, 5103, 9092, 5432);
    private static final Pattern PORT = Pattern.compile(":(\\d{1,5})$");

    private final Set<Integer> ports = new HashSet<>(DEFAULTS);

    public PlatformPorts(LogRouterConfig config, @ConfigProperty(name = "quarkus.http.port") int httpPort,
                         @ConfigProperty(name = "kafka.bootstrap.servers") String kafka) {
        ports.add(httpPort);
        config.intake().syslogPort().ifPresent(ports::add);
        config.drains().platformPorts().ifPresent(ports::addAll);
        for (String server : kafka.split(",")) {
            Matcher port = PORT.matcher(server.trim());
            if (port.find()) {
                ports.add(Integer.parseInt(port.group(1)));
            }
        }
    }

    public Set<Integer> ports() {
        return Set.copyOf(ports);
    }
}
