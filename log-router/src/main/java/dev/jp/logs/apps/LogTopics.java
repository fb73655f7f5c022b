package dev.jp.logs.apps;

import dev.jp.events.TopicPolicy;
import dev.jp.events.Topics;
import dev.jp.logs.KafkaClients;
import dev.jp.logs.LogRouterConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.jboss.logging.Logger;

/** Creates and deletes topics, idempotently: every router node does it for every app. */
@ApplicationScoped
public class LogTopics {

    private static final Logger LOG = Logger.getLogger(LogTopics.class);
    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;
    private final LogRouterConfig config;

    public LogTopics(KafkaClients kafka, LogRouterConfig config) {
        this.admin = kafka.admin();
        this.config = config;
    }

    /**
     * {@code logs.<app>} of all these apps, with the configured retention, where missing; in one
     * request: a starting router may know thousands, and apps are often created in bursts.
     */
    public void create(List<String> apps) {
        Duration time = config.logRetention().time();
        createAll(apps.stream().map(app -> TopicPolicy.logs(app, time.toMillis(), config.logRetention().bytes())).toList());
    }

    public void create(TopicPolicy policy) {
        createAll(List.of(policy));
    }

    private void createAll(List<TopicPolicy> policies) {
        if (policies.isEmpty()) {
            return;
        }
        CreateTopicsResult result = admin.createTopics(policies.stream()
                .map(p -> new NewTopic(p.name(), p.partitions(), (short) 1).configs(p.configs())).toList());
        for (Map.Entry<String, KafkaFuture<Void>> created : result.values().entrySet()) {
            try {
                created.getValue().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                LOG.infof("created topic %s", created.getKey());
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw new IllegalStateException("cannot create topic " + created.getKey(), e.getCause());
                }
            } catch (InterruptedException | TimeoutException e) {
                throw new IllegalStateException("cannot create topic " + created.getKey(), e);
            }
        }
    }

    /** Deletes {@code logs.<app>}, if it exists. */
    public void delete(String app) {
        String name = Topics.logs(app);
        try {
            admin.deleteTopics(List.of(name)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.infof("deleted topic %s", name);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                LOG.warnf(e.getCause(), "cannot delete topic %s", name);
            }
        } catch (InterruptedException | TimeoutException e) {
            LOG.warnf(e, "cannot delete topic %s", name);
        }
    }

    @PreDestroy
    void close() {
        admin.close(Duration.ofSeconds(2));
    }
}
