package dev.jp.runner.placement;

import dev.jp.events.TopicPolicy;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.jboss.logging.Logger;

/** Creates the topics the runner uses if they are missing, from their policies; no start order between services matters. */
public final class TopicSetup {

    private static final Logger LOG = Logger.getLogger(TopicSetup.class);

    private TopicSetup() {
    }

    /** Best effort: when Kafka is unreachable the runner starts anyway and its clients wait for it. */
    public static void ensure(String bootstrapServers, List<TopicPolicy> policies) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000",
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "15000"))) {
            for (TopicPolicy policy : policies) {
                NewTopic topic = new NewTopic(policy.name(), Optional.of(policy.partitions()), Optional.empty())
                        .configs(policy.configs());
                try {
                    admin.createTopics(List.of(topic)).all().get(15, TimeUnit.SECONDS);
                    LOG.infof("created topic %s", policy.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        LOG.warnf("cannot create topic %s: %s", policy.name(), e.getCause().getMessage());
                    }
                } catch (TimeoutException e) {
                    LOG.warnf("cannot create topic %s: Kafka did not answer", policy.name());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
