package dev.jp.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * No Docker engine runs on this project's machines, so docker-compose.yml is never started here.
 * This test keeps it honest instead: it parses the file and checks its services, ports,
 * environment, volumes and Dockerfiles against what the modules themselves say
 * (application.properties, Dockerfile.jvm, the local stack's Kafka version).
 */
class ComposeFileTest {

    /** The repository root: surefire runs this test in local-stack/. */
    private static final Path REPO = Path.of("").toAbsolutePath().getParent();
    private static final Path COMPOSE_FILE = REPO.resolve("docker-compose.yml");

    /** The modules that are services, each built into its own image. */
    private static final List<String> SERVICE_MODULES = List.of("platform-api", "log-router", "dyno-runner");

    /** {@code ${NAME}}, {@code ${NAME:-default}}, {@code ${NAME-default}}, {@code ${NAME:?message}}, {@code ${NAME?message}}. */
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?])([^}]*))?}");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(TOKEN|SECRET|PASSWORD|PASSWD|API_KEY|CREDENTIAL).*");
    private static final Set<String> DATABASE_PASSWORDS = Set.of("POSTGRES_PASSWORD", "QUARKUS_DATASOURCE_PASSWORD");
    private static final Pattern LISTENER = Pattern.compile("([A-Za-z0-9_]+)://([^:,/]*):(\\d+)");
    private static final Pattern POSTGRES_URL =
            Pattern.compile("(?:vertx-reactive:)?postgres(?:ql)?://([^:/@]+)(?::(\\d+))?/([^?]+)(?:\\?.*)?");
    private static final Pattern HEALTHCHECK_PORT =
            Pattern.compile("/dev/tcp/(?:127\\.0\\.0\\.1|localhost)/(\\d+)|//(?:127\\.0\\.0\\.1|localhost):(\\d+)/");
    private static final int POSTGRES_PORT = 5432;

    private static Map<String, Object> compose;
    private static String composeText;

    @BeforeAll
    static void parse() throws IOException {
        assertThat(COMPOSE_FILE).as("docker-compose.yml at the repository root").isRegularFile();
        composeText = Files.readString(COMPOSE_FILE);
        try (Reader reader = Files.newBufferedReader(COMPOSE_FILE)) {
            compose = map(new Yaml(new SafeConstructor(new LoaderOptions())).load(reader), "docker-compose.yml");
        }
    }

    // ---------------------------------------------------------------- the services

    @Test
    void the_file_has_kafka_postgres_platform_api_log_router_and_at_least_two_dyno_runners() {
        assertThat(services()).containsKeys("kafka", "postgres", "platform-api", "log-router");
        assertThat(image("kafka")).startsWith("apache/kafka:");
        assertThat(image("postgres")).isEqualTo("postgres:16");
        assertThat(jpServices())
                .containsEntry("platform-api", "platform-api")
                .containsEntry("log-router", "log-router");
        assertThat(jpServices().values()).as("every service module is built by some compose service")
                .containsAll(SERVICE_MODULES);
        assertThat(runners()).as("dyno-runner services, one per host of the dyno grid").hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void every_dyno_runner_has_its_own_runner_host() {
        List<String> hosts = new ArrayList<>();
        for (String runner : runners()) {
            String host = env(runner).get("JP_RUNNER_HOST");
            assertThat(host).as("%s's JP_RUNNER_HOST", runner).isNotBlank();
            Object hostname = service(runner).get("hostname");
            if (hostname != null) {
                assertThat(host).as("%s's JP_RUNNER_HOST and its container hostname", runner).isEqualTo(hostname.toString());
            }
            hosts.add(host);
        }
        assertThat(hosts).as("the runners' JP_RUNNER_HOST").doesNotHaveDuplicates();
    }

    @Test
    void each_service_listens_in_its_container_on_the_http_port_of_its_application_properties() {
        jpServices().forEach((service, module) -> {
            int port = httpPort(module);
            assertThat(containerPorts(service)).as("%s's container ports (ports/expose)", service).contains(port);
            String override = env(service).get("QUARKUS_HTTP_PORT");
            if (override != null) {
                assertThat(override).as("%s's QUARKUS_HTTP_PORT", service).isEqualTo(Integer.toString(port));
            }
        });
    }

    @Test
    void each_service_listens_on_all_interfaces_not_the_loopback_its_application_properties_binds() {
        jpServices().forEach((service, module) -> assertThat(env(service).get("QUARKUS_HTTP_HOST"))
                .as("%s's QUARKUS_HTTP_HOST (its application.properties binds %s)", service,
                        properties(module).getProperty("quarkus.http.host", "Quarkus' default"))
                .isEqualTo("0.0.0.0"));
    }

    // ---------------------------------------------------------------- Kafka

    @Test
    void each_service_bootstraps_from_a_port_the_kafka_service_listens_on_and_advertises() {
        Map<String, String> kafka = env("kafka");
        Set<String> controllers = csv(kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
        Map<String, Integer> listeners = listenerPorts(kafka.get("KAFKA_LISTENERS"));
        Map<String, String> advertised = listenerAddresses(kafka.get("KAFKA_ADVERTISED_LISTENERS"));

        jpServices().forEach((service, module) -> {
            assertThat(properties(module)).as("%s's application.properties reads kafka.bootstrap.servers", module)
                    .containsKey("kafka.bootstrap.servers");
            String bootstrap = env(service).get("KAFKA_BOOTSTRAP_SERVERS");
            assertThat(bootstrap).as("%s's KAFKA_BOOTSTRAP_SERVERS", service).isNotBlank();
            for (String server : csv(bootstrap)) {
                String host = server.substring(0, server.lastIndexOf(':'));
                int port = Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
                assertThat(namesOf("kafka")).as("%s's bootstrap server %s names the kafka service", service, server)
                        .contains(host);
                String listener = listeners.entrySet().stream()
                        .filter(e -> e.getValue() == port && !controllers.contains(e.getKey()))
                        .map(Map.Entry::getKey).findFirst().orElse(null);
                assertThat(listener).as("a broker listener of kafka's KAFKA_LISTENERS (%s) on port %d, for %s",
                        kafka.get("KAFKA_LISTENERS"), port, service).isNotNull();
                String address = advertised.get(listener);
                assertThat(address).as("kafka advertises its %s listener", listener).isNotNull();
                assertThat(namesOf("kafka")).as("kafka advertises %s as %s, which %s must reach", listener, address, service)
                        .contains(address.substring(0, address.lastIndexOf(':')));
            }
            assertThat(dependsOn(service)).as("%s waits for kafka", service).containsKey("kafka");
        });
    }

    @Test
    void kafka_is_one_kraft_node_acting_as_broker_and_controller_with_single_replica_internal_topics() {
        Map<String, String> kafka = env("kafka");
        assertThat(csv(kafka.get("KAFKA_PROCESS_ROLES"))).containsExactlyInAnyOrder("broker", "controller");

        Map<String, Integer> listeners = listenerPorts(kafka.get("KAFKA_LISTENERS"));
        Set<String> protocols = csv(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP")).stream()
                .map(entry -> entry.substring(0, entry.indexOf(':'))).collect(Collectors.toSet());
        Set<String> controllers = csv(kafka.get("KAFKA_CONTROLLER_LISTENER_NAMES"));
        assertThat(controllers).as("KAFKA_CONTROLLER_LISTENER_NAMES").isNotEmpty();
        assertThat(listeners.keySet()).as("KAFKA_LISTENERS' names").containsAll(controllers);
        assertThat(protocols).as("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP's names").containsAll(listeners.keySet());

        String nodeId = kafka.get("KAFKA_NODE_ID");
        assertThat(nodeId).as("KAFKA_NODE_ID").matches("\\d+");
        List<String> voters = List.copyOf(csv(kafka.get("KAFKA_CONTROLLER_QUORUM_VOTERS")));
        assertThat(voters).as("KAFKA_CONTROLLER_QUORUM_VOTERS: a single voter").hasSize(1);
        Matcher voter = Pattern.compile("(\\d+)@([^:]+):(\\d+)").matcher(voters.get(0));
        assertThat(voter.matches()).as("voter %s is id@host:port", voters.get(0)).isTrue();
        assertThat(voter.group(1)).as("the voter is this node").isEqualTo(nodeId);
        assertThat(namesOf("kafka")).as("the voter's host").contains(voter.group(2));
        assertThat(controllers.stream().map(listeners::get))
                .as("the voter's port is a controller listener's").contains(Integer.parseInt(voter.group(3)));

        assertThat(kafka).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR", "1")
                .containsEntry("KAFKA_TRANSACTION_STATE_LOG_MIN_ISR", "1")
                .containsEntry("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        kafka.forEach((key, value) -> {
            if (key.matches("KAFKA_.*_(REPLICATION_FACTOR|MIN_ISR)")) {
                assertThat(value).as("%s on a single node", key).isEqualTo("1");
            }
        });
    }

    @Test
    void the_kafka_image_runs_the_same_kafka_4_version_as_the_local_stack_broker() throws IOException {
        String pom = Files.readString(REPO.resolve("kafka-broker/pom.xml"));
        Matcher version = Pattern.compile("<kafka\\.version>([^<]+)</kafka\\.version>").matcher(pom);
        assertThat(version.find()).as("kafka-broker/pom.xml's kafka.version").isTrue();

        assertThat(version.group(1)).startsWith("4.");
        assertThat(image("kafka")).isEqualTo("apache/kafka:" + version.group(1));
    }

    // ---------------------------------------------------------------- PostgreSQL

    @Test
    void platform_api_reaches_the_postgres_service_with_its_database_user_and_password() {
        Map<String, String> postgres = env("postgres");
        Map<String, String> api = env("platform-api");
        assertThat(properties("platform-api").getProperty("quarkus.datasource.db-kind")).isEqualTo("postgresql");

        String url = api.get("QUARKUS_DATASOURCE_REACTIVE_URL");
        assertThat(url).as("platform-api's QUARKUS_DATASOURCE_REACTIVE_URL").isNotNull();
        Matcher parts = POSTGRES_URL.matcher(url);
        assertThat(parts.matches()).as("%s is postgresql://host[:port]/database", url).isTrue();
        assertThat(namesOf("postgres")).as("the database host of %s", url).contains(parts.group(1));
        assertThat(parts.group(2) == null ? POSTGRES_PORT : Integer.parseInt(parts.group(2)))
                .as("the database port of %s", url).isEqualTo(postgresPort(postgres));
        assertThat(parts.group(3)).as("the database of %s", url).isEqualTo(postgres.get("POSTGRES_DB"));
        assertThat(api.get("QUARKUS_DATASOURCE_USERNAME")).isEqualTo(postgres.get("POSTGRES_USER"));
        assertThat(api.get("QUARKUS_DATASOURCE_PASSWORD")).isEqualTo(postgres.get("POSTGRES_PASSWORD"));

        assertThat(healthcheck("postgres")).contains("pg_isready");
        assertThat(dependsOn("platform-api")).containsEntry("postgres", "service_healthy");
    }

    // ---------------------------------------------------------------- between the services

    @Test
    void urls_between_services_name_a_service_of_the_file_and_its_container_port() {
        assertThat(env("platform-api").get("JP_LOG_ROUTER_URL")).isNotNull();
        for (String runner : runners()) {
            assertThat(env(runner)).containsKeys("JP_API_URL", "JP_LOG_ROUTER_URL", "JP_RUNNER_WORK_DIR");
        }
        Map<String, String> expectedTarget = Map.of("JP_API_URL", "platform-api", "JP_LOG_ROUTER_URL", "log-router");

        jpServices().keySet().forEach(service -> env(service).forEach((key, value) -> {
            if (!key.endsWith("_URL") || key.endsWith("_PUBLIC_URL") || !value.matches("https?://.*")) {
                return;
            }
            URI uri = URI.create(value);
            String target = serviceNamed(uri.getHost());
            assertThat(target).as("%s's %s=%s names a service of the file", service, key, value).isNotNull();
            if (expectedTarget.containsKey(key)) {
                assertThat(target).as("%s's %s", service, key).isEqualTo(expectedTarget.get(key));
            }
            assertThat(containerPorts(target)).as("%s's %s=%s: a container port of %s", service, key, value, target)
                    .contains(uri.getPort());
            assertThat(dependsOn(service)).as("%s waits for %s, which its %s names", service, target, key)
                    .containsKey(target);
        }));
    }

    @Test
    void slug_urls_are_built_on_an_address_the_runners_reach() {
        // platform-api builds the slug URLs of dynos.desired on JP_API_PUBLIC_URL, and runners fetch
        // them as they are: its default (127.0.0.1) would be each runner container itself.
        String base = env("platform-api").get("JP_API_PUBLIC_URL");
        assertThat(base).as("platform-api's JP_API_PUBLIC_URL").isNotNull();
        URI uri = URI.create(withDefaults(base));
        assertThat(serviceNamed(uri.getHost())).as("the host of %s, as the runners resolve it", base).isEqualTo("platform-api");
        assertThat(uri.getPort()).as("the port of %s", base).isEqualTo(httpPort("platform-api"));
    }

    @Test
    void the_public_log_router_url_is_a_port_the_log_router_publishes_on_the_host() {
        String routerPublic = env("log-router").get("JP_LOG_ROUTER_PUBLIC_URL");
        assertThat(routerPublic).as("log-router's JP_LOG_ROUTER_PUBLIC_URL").isNotNull();
        Map<Integer, Integer> published = publishedPorts("log-router");
        int routerPort = httpPort("log-router");

        services().keySet().forEach(service -> {
            String value = env(service).get("JP_LOG_ROUTER_PUBLIC_URL");
            if (value == null) {
                return;
            }
            assertThat(value).as("%s's JP_LOG_ROUTER_PUBLIC_URL is log-router's own", service).isEqualTo(routerPublic);
            URI uri = URI.create(value);
            assertThat(uri.getHost()).as("%s: clients on the docker host reach it", value).isIn("localhost", "127.0.0.1");
            assertThat(published).as("log-router's host ports -> container ports")
                    .containsEntry(uri.getPort(), routerPort);
        });
    }

    @Test
    void each_service_waits_only_on_healthy_checks_that_exist_and_reports_ready_on_its_readiness_endpoint() {
        services().keySet().forEach(service -> dependsOn(service).forEach((target, condition) -> {
            assertThat(services()).as("%s depends on %s", service, target).containsKey(target);
            assertThat(condition).as("%s's condition on %s", service, target)
                    .isIn("service_started", "service_healthy", "service_completed_successfully");
            if (condition.equals("service_healthy")) {
                assertThat(healthcheck(target)).as("%s waits for %s to be healthy: its healthcheck", service, target)
                        .isNotBlank();
            }
        }));

        jpServices().forEach((service, module) -> {
            String test = healthcheck(service);
            assertThat(test).as("%s's healthcheck", service).contains("/q/health/ready");
            Matcher port = HEALTHCHECK_PORT.matcher(test);
            assertThat(port.find()).as("%s's healthcheck names a port: %s", service, test).isTrue();
            String named = port.group(1) != null ? port.group(1) : port.group(2);
            assertThat(Integer.parseInt(named)).as("%s's healthcheck port", service).isEqualTo(httpPort(module));
        });
    }

    // ---------------------------------------------------------------- images, secrets, state

    @Test
    void every_build_context_has_its_dockerfile_in_the_quarkus_jvm_layout_running_as_non_root() throws IOException {
        for (String service : jpServices().keySet()) {
            Map<String, Object> build = buildOf(service);
            Path context = REPO.resolve(String.valueOf(build.get("context"))).normalize();
            assertThat(context.resolve("pom.xml")).as("%s's build context %s is a module", service, context).isRegularFile();
            Path dockerfile = context.resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
            assertThat(dockerfile).as("%s's Dockerfile", service).isRegularFile();

            String text = Files.readString(dockerfile);
            List<String> lines = text.lines().map(String::strip).filter(l -> !l.startsWith("#")).toList();
            for (String part : List.of("target/quarkus-app/lib/", "target/quarkus-app/*.jar", "target/quarkus-app/app/",
                    "target/quarkus-app/quarkus/")) {
                assertThat(lines).as("%s copies %s", dockerfile, part)
                        .anyMatch(l -> l.startsWith("COPY") && l.contains(part) && l.contains("/deployments/"));
            }
            assertThat(lines).as("%s runs quarkus-run.jar", dockerfile)
                    .anyMatch(l -> l.matches("(ENTRYPOINT|CMD).*quarkus-run\\.jar.*"));
            String user = lines.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElse("USER root");
            assertThat(user.substring(5).strip().split(":")[0]).as("%s's user", dockerfile).isNotIn("root", "0");
            assertThat(lines.stream().filter(l -> l.startsWith("EXPOSE "))
                    .flatMap(l -> Arrays.stream(l.substring(7).strip().split("\\s+")))
                    .map(p -> p.replaceAll("/.*", "")))
                    .as("%s exposes its http port", dockerfile)
                    .contains(Integer.toString(httpPort(jpServices().get(service))));
        }
    }

    @Test
    void no_secret_is_written_in_the_file_only_taken_from_the_environment() {
        assertThat(env("platform-api")).containsKeys("JP_BOOTSTRAP_TOKEN", "JP_LOG_SESSION_SECRET");
        assertThat(env("log-router")).containsKey("JP_LOG_SESSION_SECRET");
        assertThat(interpolatedName(env("platform-api").get("JP_LOG_SESSION_SECRET")))
                .as("platform-api signs log sessions with the key log-router checks them with")
                .isEqualTo(interpolatedName(env("log-router").get("JP_LOG_SESSION_SECRET")));

        services().keySet().forEach(service -> env(service).forEach((key, value) -> {
            assertThat(value).as("%s's %s carries no credentials in a URL", service, key)
                    .doesNotContainPattern("://[^/@${}]+:[^/@${}]+@");
            if (!SECRET_NAME.matcher(key).matches()) {
                return;
            }
            Matcher interpolation = INTERPOLATION.matcher(value);
            assertThat(interpolation.matches()).as("%s's %s=%s is only a ${...} interpolation", service, key, value).isTrue();
            String operator = interpolation.group(2);
            if (DATABASE_PASSWORDS.contains(key) && operator != null && operator.endsWith("-")) {
                assertThat(commentLines()).as("the dev default of %s is documented in the file's comments", key)
                        .anyMatch(comment -> comment.contains(interpolation.group(1)));
            } else {
                assertThat(operator).as("%s's %s must be set (${NAME:?message}): compose refuses to start without it",
                        service, key).isIn(":?", "?");
            }
        }));
    }

    @Test
    void the_state_of_each_service_lives_in_a_named_volume_its_image_makes_writable() throws IOException {
        Map<String, List<String>> stateDirs = new LinkedHashMap<>();
        stateDirs.put("kafka", List.copyOf(csv(env("kafka").getOrDefault("KAFKA_LOG_DIRS", "/tmp/kraft-combined-logs"))));
        stateDirs.put("postgres", List.of(env("postgres").getOrDefault("PGDATA", "/var/lib/postgresql/data")));
        stateDirs.put("platform-api", List.of(env("platform-api").getOrDefault("JP_BLOB_DIR", "")));
        runners().forEach(runner -> stateDirs.put(runner, List.of(env(runner).getOrDefault("JP_RUNNER_WORK_DIR", ""))));

        Map<String, Object> declared = compose.get("volumes") == null ? Map.of() : map(compose.get("volumes"), "volumes");
        Set<String> runnerVolumes = new HashSet<>();
        for (Map.Entry<String, List<String>> entry : stateDirs.entrySet()) {
            String service = entry.getKey();
            Map<String, String> mounts = volumes(service);
            for (String dir : entry.getValue()) {
                assertThat(mounts).as("%s keeps %s on a volume", service, dir).containsKey(dir);
                String source = mounts.get(dir);
                assertThat(declared).as("%s's volume %s is a named volume of the file", service, source).containsKey(source);
                if (runners().contains(service)) {
                    assertThat(runnerVolumes.add(source)).as("%s's work volume %s is its own", service, source).isTrue();
                }
                if (jpServices().containsKey(service)) {
                    Map<String, Object> build = buildOf(service);
                    Path dockerfile = REPO.resolve(String.valueOf(build.get("context"))).normalize()
                            .resolve(String.valueOf(build.getOrDefault("dockerfile", "Dockerfile")));
                    assertThat(Files.readString(dockerfile))
                            .as("%s creates %s for its non-root user, or the volume mounted there is root's", dockerfile, dir)
                            .containsPattern("mkdir -p[^\\n]*" + Pattern.quote(dir) + "(\\s|$)")
                            .containsPattern("chown[^\\n]*" + Pattern.quote(dir) + "(\\s|$)");
                }
            }
        }
    }

    // ---------------------------------------------------------------- reading the file

    private static Map<String, Object> services() {
        return map(compose.get("services"), "services");
    }

    private static Map<String, Object> service(String name) {
        assertThat(services()).as("services").containsKey(name);
        return map(services().get(name), "service " + name);
    }

    private static String image(String service) {
        return String.valueOf(service(service).get("image"));
    }

    /** The services built from a module of this repository: service name to module directory. */
    private static Map<String, String> jpServices() {
        Map<String, String> modules = new TreeMap<>();
        for (String name : services().keySet()) {
            if (service(name).get("build") != null) {
                Path context = REPO.resolve(String.valueOf(buildOf(name).get("context"))).normalize();
                modules.put(name, REPO.relativize(context).toString());
            }
        }
        return modules;
    }

    private static List<String> runners() {
        return jpServices().entrySet().stream().filter(e -> e.getValue().equals("dyno-runner"))
                .map(Map.Entry::getKey).toList();
    }

    private static Map<String, Object> buildOf(String service) {
        Object build = service(service).get("build");
        if (build instanceof String context) {
            return Map.of("context", context);
        }
        return map(build, service + ".build");
    }

    /** A service's environment, in either of compose's two forms, every value as a string. */
    private static Map<String, String> env(String service) {
        Object environment = service(service).get("environment");
        Map<String, String> env = new TreeMap<>();
        if (environment instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> env.put(String.valueOf(key), value == null ? "" : String.valueOf(value)));
        } else if (environment instanceof List<?> entries) {
            for (Object entry : entries) {
                String text = String.valueOf(entry);
                int equals = text.indexOf('=');
                env.put(equals < 0 ? text : text.substring(0, equals), equals < 0 ? "" : text.substring(equals + 1));
            }
        }
        return env;
    }

    /** The names a service is reached by on the compose network: its name, hostname and aliases. */
    private static Set<String> namesOf(String service) {
        Set<String> names = new HashSet<>(Set.of(service));
        Object hostname = service(service).get("hostname");
        if (hostname != null) {
            names.add(hostname.toString());
        }
        if (service(service).get("networks") instanceof Map<?, ?> networks) {
            networks.values().forEach(network -> {
                if (network instanceof Map<?, ?> settings && settings.get("aliases") instanceof List<?> aliases) {
                    aliases.forEach(alias -> names.add(String.valueOf(alias)));
                }
            });
        }
        return names;
    }

    private static String serviceNamed(String host) {
        return services().keySet().stream().filter(name -> namesOf(name).contains(host)).findFirst().orElse(null);
    }

    /** The ports a service's container listens on, as its ports and expose entries say. */
    private static Set<Integer> containerPorts(String service) {
        Set<Integer> ports = new HashSet<>();
        for (Object entry : list(service(service).get("ports"))) {
            if (entry instanceof Map<?, ?> port) {
                ports.add(Integer.parseInt(String.valueOf(port.get("target"))));
            } else {
                String[] parts = String.valueOf(entry).replaceAll("/.*", "").split(":");
                ports.add(Integer.parseInt(parts[parts.length - 1]));
            }
        }
        for (Object entry : list(service(service).get("expose"))) {
            ports.add(Integer.parseInt(String.valueOf(entry).replaceAll("/.*", "")));
        }
        return ports;
    }

    /** A service's ports published on the docker host: host port to container port. */
    private static Map<Integer, Integer> publishedPorts(String service) {
        Map<Integer, Integer> published = new TreeMap<>();
        for (Object entry : list(service(service).get("ports"))) {
            if (entry instanceof Map<?, ?> port) {
                if (port.get("published") != null) {
                    published.put(Integer.parseInt(String.valueOf(port.get("published"))),
                            Integer.parseInt(String.valueOf(port.get("target"))));
                }
            } else {
                String[] parts = String.valueOf(entry).replaceAll("/.*", "").split(":");
                if (parts.length >= 2) {
                    published.put(Integer.parseInt(parts[parts.length - 2]), Integer.parseInt(parts[parts.length - 1]));
                }
            }
        }
        return published;
    }

    /** A service's depends_on: target to condition ({@code service_started} in the short form). */
    private static Map<String, String> dependsOn(String service) {
        Object dependsOn = service(service).get("depends_on");
        Map<String, String> conditions = new TreeMap<>();
        if (dependsOn instanceof List<?> targets) {
            targets.forEach(target -> conditions.put(String.valueOf(target), "service_started"));
        } else if (dependsOn instanceof Map<?, ?> targets) {
            targets.forEach((target, settings) -> conditions.put(String.valueOf(target),
                    settings instanceof Map<?, ?> s && s.get("condition") != null
                            ? String.valueOf(s.get("condition")) : "service_started"));
        }
        return conditions;
    }

    /** A service's healthcheck command as one string, or "" when it has none or it is disabled. */
    private static String healthcheck(String service) {
        if (!(service(service).get("healthcheck") instanceof Map<?, ?> healthcheck)
                || Boolean.TRUE.equals(healthcheck.get("disable"))) {
            return "";
        }
        Object test = healthcheck.get("test");
        if (test instanceof List<?> words) {
            if (!words.isEmpty() && "NONE".equals(String.valueOf(words.get(0)))) {
                return "";
            }
            return words.stream().map(String::valueOf).collect(Collectors.joining(" "));
        }
        return test == null ? "" : String.valueOf(test);
    }

    /** A service's volume mounts: container path to source (a named volume or a host path). */
    private static Map<String, String> volumes(String service) {
        Map<String, String> mounts = new TreeMap<>();
        for (Object entry : list(service(service).get("volumes"))) {
            if (entry instanceof Map<?, ?> mount) {
                mounts.put(String.valueOf(mount.get("target")), String.valueOf(mount.get("source")));
            } else {
                String[] parts = String.valueOf(entry).split(":");
                if (parts.length >= 2) {
                    mounts.put(parts[1], parts[0]);
                }
            }
        }
        return mounts;
    }

    private static int postgresPort(Map<String, String> postgresEnv) {
        return Integer.parseInt(postgresEnv.getOrDefault("PGPORT", Integer.toString(POSTGRES_PORT)));
    }

    private static Map<String, Integer> listenerPorts(String listeners) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        listenerAddresses(listeners).forEach((name, address) ->
                ports.put(name, Integer.parseInt(address.substring(address.lastIndexOf(':') + 1))));
        return ports;
    }

    private static Map<String, String> listenerAddresses(String listeners) {
        assertThat(listeners).as("a Kafka listener list").isNotBlank();
        Map<String, String> addresses = new LinkedHashMap<>();
        for (String listener : csv(listeners)) {
            Matcher parts = LISTENER.matcher(listener);
            assertThat(parts.matches()).as("listener %s is NAME://host:port", listener).isTrue();
            addresses.put(parts.group(1), parts.group(2) + ":" + parts.group(3));
        }
        return addresses;
    }

    /** A value as compose would give it when no variable it names is set: each ${NAME:-default} becomes its default. */
    private static String withDefaults(String value) {
        Matcher interpolation = INTERPOLATION.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (interpolation.find()) {
            String operator = interpolation.group(2);
            String replacement = operator != null && operator.endsWith("-") ? interpolation.group(3) : "";
            interpolation.appendReplacement(resolved, Matcher.quoteReplacement(replacement));
        }
        return interpolation.appendTail(resolved).toString();
    }

    private static String interpolatedName(String value) {
        Matcher interpolation = INTERPOLATION.matcher(String.valueOf(value));
        return interpolation.matches() ? interpolation.group(1) : null;
    }

    private static List<String> commentLines() {
        return composeText.lines().map(String::strip).filter(line -> line.startsWith("#")).toList();
    }

    private static Properties properties(String module) {
        Path file = REPO.resolve(module).resolve("src/main/resources/application.properties");
        assertThat(file).as("%s's application.properties", module).isRegularFile();
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return properties;
    }

    private static int httpPort(String module) {
        String port = properties(module).getProperty("quarkus.http.port");
        assertThat(port).as("quarkus.http.port in %s's application.properties", module).isNotNull();
        return Integer.parseInt(port.strip());
    }

    private static Set<String> csv(String value) {
        Set<String> items = new LinkedHashSet<>();
        if (value != null) {
            for (String item : value.split(",")) {
                if (!item.isBlank()) {
                    items.add(item.strip());
                }
            }
        }
        return items;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> items ? items : List.of();
    }
}
