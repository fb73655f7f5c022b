package dev.jp.localstack.platform;

import dev.jp.localstack.LocalStack;
import dev.jp.localstack.LocalStackConfig;
import dev.jp.localstack.postgres.DatabaseUrl;
import dev.jp.localstack.process.ChildProcess;
import dev.jp.localstack.process.ChildSpec;
import dev.jp.localstack.process.OutputSink;
import dev.jp.localstack.process.PidFile;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

/**
 * The whole platform on one machine, as {@code jp up} runs it: the local stack (Kafka and
 * PostgreSQL), then log-router, platform-api and one dyno-runner as child processes, each awaited
 * until healthy. {@link #close()} stops them in reverse order.
 *
 * <p>Fault tests drive it further: {@link #startRunner} adds runners as other hosts of the grid,
 * {@link #kill} and {@link #stop} end one service by its pid, {@link #restart} starts it again as it was.
 */
public final class LocalPlatform implements AutoCloseable {


    private static final Duration HEALTH_TIMEOUT = Duration.ofSeconds(120);
    private static final Duration SERVICE_GRACE = Duration.ofSeconds(40);

    private final PlatformPorts ports;
    private final LocalStack stack;
    private final List<ChildProcess> services;
    private final DatabaseUrl database;
    private final String token;
    private final Duration startTime;
    private final Path rendezvousCa;
    private final Path home;
    private final Path dataDir;
    private final OutputSink output;
    /** What each service was started as, by name, so that {@link #restart} starts it the same way. */
    private final Map<String, ServiceDefinition> definitions = new java.util.LinkedHashMap<>();

    private LocalPlatform(PlatformPorts ports, LocalStack stack, List<ChildProcess> services, DatabaseUrl database,
                          String token, Duration startTime, Path home, Path dataDir, OutputSink output,
                          List<ServiceDefinition> definitions) {
        this.ports = ports;
        this.stack = stack;
        this.services = services;
        this.database = database;
        this.token = token;
        this.startTime = startTime;
        this.rendezvousCa = rendezvousCa(dataDir);
        this.home = home;
        this.dataDir = dataDir;
        this.output = output;
        definitions.forEach(definition -> this.definitions.put(definition.name(), definition));
    }

    /**
     * @param home    the jp checkout whose modules were built ({@code ./jp} builds them first)
     * @param dataDir where the platform keeps its state: {@code ~/.jp}
     */
    public static LocalPlatform start(Path home, Path dataDir, OutputSink output) {
        return start(home, dataDir, PlatformPorts.fromEnvironment(), LocalStackConfig.forUp(dataDir), output);
    }

    /** With explicit ports and stack, as a benchmark or a test that must not collide with a running jp up. */
    public static LocalPlatform start(Path home, Path dataDir, PlatformPorts ports, LocalStackConfig stackConfig,
                                      OutputSink output) {
        Instant began = Instant.now();
        ports.checkFree();
        LocalStack stack = LocalStack.start(stackConfig, output);
        List<ChildProcess> started = new ArrayList<>();
        try {
            DatabaseUrl database = stack.platformDatabase();
            String token = Secrets.loadOrCreate(dataDir.resolve("api-token"), "jp_");
            String sessionSecret = Secrets.loadOrCreate(dataDir.resolve("log-session-secret"), "");
            List<ServiceDefinition> definitions = definitions(ports, stack, database, token, sessionSecret, dataDir);
            for (ServiceDefinition service : definitions) {
                ChildProcess child = startService(home, dataDir, service, output);
                started.add(child);
                awaitHealthy(service, child);
            }
            return new LocalPlatform(ports, stack, started, database, token, Duration.between(began, Instant.now()),
                    home, dataDir, output, definitions);
        } catch (RuntimeException e) {
            stopAll(started);
            stack.close();
            throw e;
        }
    }

    private static List<ServiceDefinition> definitions(PlatformPorts ports, LocalStack stack, DatabaseUrl database,
                                                       String token, String sessionSecret, Path dataDir) {
        String kafka = stack.kafkaBootstrapServers();
        String routerUrl = ports.logRouterUrl();
        String apiUrl = ports.apiUrl();

        Map<String, String> router = new HashMap<>();
        router.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        router.put("QUARKUS_HTTP_PORT", Integer.toString(ports.logRouter()));
        router.put("JP_LOG_ROUTER_PUBLIC_URL", routerUrl);
        router.put("JP_LOG_SESSION_SECRET", sessionSecret);
        // A drain whose name resolves to this machine may not reach the other services (the ports may not be the defaults).
        router.put("JP_DRAINS_PLATFORM_PORTS", ports.api() + "," + ports.runner() + "," + ports.rendezvous() + ","
                + database.port());

        Map<String, String> api = new HashMap<>();
        api.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        api.put("QUARKUS_HTTP_PORT", Integer.toString(ports.api()));
        api.put("QUARKUS_DATASOURCE_REACTIVE_URL", database.reactiveUrl());
        api.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        if (database.password() != null) {
            api.put("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
        api.put("JP_BOOTSTRAP_TOKEN", token);
        api.put("JP_API_PUBLIC_URL", apiUrl);
        api.put("JP_LOG_ROUTER_URL", routerUrl);
        api.put("JP_LOG_ROUTER_PUBLIC_URL", routerUrl);
        api.put("JP_LOG_SESSION_SECRET", sessionSecret);
        api.put("JP_BLOB_DIR", dataDir.resolve("blobs").toString());
        // platform-api makes the rendezvous certificate there on its first start, and keeps it.
        api.put("JP_RENDEZVOUS_PORT", Integer.toString(ports.rendezvous()));
        api.put("JP_RENDEZVOUS_KEY_STORE", dataDir.resolve("rendezvous.p12").toString());

        Map<String, String> runner = new HashMap<>();
        runner.put("KAFKA_BOOTSTRAP_SERVERS", kafka);
        runner.put("QUARKUS_HTTP_PORT", Integer.toString(ports.runner()));
        runner.put("JP_RUNNER_HOST", hostName());
        runner.put("JP_API_URL", apiUrl);
        runner.put("JP_LOG_ROUTER_URL", routerUrl);
        runner.put("JP_RUNNER_WORK_DIR", dataDir.resolve("runner").toString());
        runner.put("JP_RUNNER_RENDEZVOUS_CA", rendezvousCa(dataDir).toString());

        return List.of(
                new ServiceDefinition("router.1", "log-router", ports.logRouter(), router),
                new ServiceDefinition("api.1", "platform-api", ports.api(), api),
                new ServiceDefinition("runner.1", "dyno-runner", ports.runner(), runner));
    }

    private static ChildProcess startService(Path home, Path dataDir, ServiceDefinition service, OutputSink output) {
        Path jar = home.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build with ./mvnw package -DskipTests (./jp does it on first use)");
        }
        String javaOptions = System.getenv().getOrDefault("JP_SERVICE_JAVA_OPTS", "-Xmx384m -XX:+UseSerialGC");
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        Collections.addAll(command, javaOptions.trim().split("\\s+"));
        // The data directory on the command line lets a later start recognise a leftover by its pid.
        command.add("-Dlocalstack.data=" + dataDir);
        command.addAll(List.of("-jar", jar.toString()));
        Path pids = dataDir.resolve("pids");
        return ChildProcess.start(new ChildSpec(service.name(), command, home.resolve(service.module()), service.env(),
                new PidFile(pids.resolve(service.name() + ".pid"), dataDir.toString()), null, "TERM"), output);
    }

    private static void awaitHealthy(ServiceDefinition service, ChildProcess child) {
        Instant deadline = Instant.now().plus(HEALTH_TIMEOUT);
        while (!HealthProbe.isReady(service.url())) {
            if (!child.isAlive()) {
                throw new IllegalStateException(service.module() + " exited during start-up; see its output above");
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service.module() + " was not healthy within " + HEALTH_TIMEOUT.toSeconds() + " s");
            }
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }

    private static void stopAll(List<ChildProcess> started) {
        List<ChildProcess> reversed = new ArrayList<>(started);
        Collections.reverse(reversed);
        reversed.forEach(child -> child.stop(SERVICE_GRACE));
    }

    /**
     * Starts one more dyno-runner on a free port, as another host of the grid ({@code JP_RUNNER_HOST});
     * it joins the runners' consumer group and takes a share of the dynos. Returns its name, {@code runner.N}.
     */
    public synchronized String startRunner(String host) {
        ServiceDefinition first = definitions.get("runner.1");
        Map<String, String> env = new HashMap<>(first.env());
        int port = dev.jp.localstack.process.FreePort.pick();
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        env.put("JP_RUNNER_HOST", host);
        ServiceDefinition runner = new ServiceDefinition("runner." + (definitions.keySet().stream()
                .filter(name -> name.startsWith("runner.")).count() + 1), first.module(), port, env);
        definitions.put(runner.name(), runner);
        launch(runner);
        return runner.name();
    }

    /** SIGKILL to one service ({@code api.1}, {@code router.1}, {@code runner.2}), as a crash would; returns once it is gone. */
    public synchronized void kill(String name) {
        ChildProcess child = child(name);
        ProcessHandle.of(child.pid()).ifPresent(ProcessHandle::destroyForcibly);
        child.stop(SERVICE_GRACE);
    }

    /** SIGTERM to one service, then SIGKILL after the grace period; returns once it is gone. */
    public synchronized void stop(String name) {
        child(name).stop(SERVICE_GRACE);
    }

    /** Starts a killed or stopped service again, as it was first started, and waits until it is healthy. */
    public synchronized void restart(String name) {
        ChildProcess old = child(name);
        if (old.isAlive()) {
            throw new IllegalStateException(name + " (pid " + old.pid() + ") is still running");
        }
        services.remove(old);
        launch(definitions.get(name));
    }

    private void launch(ServiceDefinition service) {
        ChildProcess child = startService(home, dataDir, service, output);
        services.add(child);
        awaitHealthy(service, child);
    }

    private ChildProcess child(String name) {
        return services.stream().filter(service -> service.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + name + "; there are " + definitions.keySet()));
    }

    /** A service's pid, by name. */
    public synchronized long pid(String name) {
        return child(name).pid();
    }

    /** A service's base URL, by name: {@code http://127.0.0.1:PORT}. */
    public synchronized String url(String name) {
        return definitions.get(name).url();
    }

    public String apiUrl() {
        return ports.apiUrl();
    }

    public String logRouterUrl() {
        return ports.logRouterUrl();
    }

    public String token() {
        return token;
    }

    /** The certificate clients of the rendezvous trust ({@code heroku run}: {@code NODE_EXTRA_CA_CERTS}). */
    public Path rendezvousCa() {
        return rendezvousCa;
    }

    private static Path rendezvousCa(Path dataDir) {
        return dataDir.resolve("rendezvous-ca.pem").toAbsolutePath();
    }

    public LocalStack stack() {
        return stack;
    }

    public DatabaseUrl database() {
        return database;
    }

    public Duration startTime() {
        return startTime;
    }

    /** The pid of each running child, by name, for {@code jp up}'s report. */
    public Map<String, Long> pids() {
        Map<String, Long> pids = new java.util.LinkedHashMap<>();
        pids.put("kafka", stack.kafka().pid());
        services.forEach(service -> pids.put(service.name(), service.pid()));
        return pids;
    }

    @Override
    public void close() {
        try {
            stopAll(services);
        } finally {
            stack.close();
        }
    }
}
