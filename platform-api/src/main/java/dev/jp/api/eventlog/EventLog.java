package dev.jp.api.eventlog;

import dev.jp.api.ApiConfig;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.IdempotentRequest;
import dev.jp.events.EventCodec;
import dev.jp.events.PlatformEvent;
import dev.jp.events.Topics;
import io.quarkus.arc.Arc;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends events to {@code platform.events} (key = app; acks=all, idempotent) and answers once
 * the projector has applied them, so a client reads its own writes. Kafka down means 503 within
 * the write timeout, never a hang.
 */
@ApplicationScoped
public class EventLog {

    private final KafkaProducer<String, byte[]> producer;
    private final ProjectionWaiter waiter;
    private final ApiConfig config;
    private final IdempotentRequest request;

    public EventLog(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
                    ProjectionWaiter waiter, ApiConfig config, IdempotentRequest request) {
        this.waiter = waiter;
        this.config = config;
        this.request = request;
        int timeoutMs = (int) config.writeTimeout().toMillis();
        this.producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 0,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Math.max(1000, timeoutMs - 1000),
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** Appends one event and completes with what the projector made of it. */
    public Uni<Outcome> append(PlatformEvent event) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.PLATFORM_EVENTS, event.app(), EventCodec.encode(event));
        if (Arc.container().requestContext().isActive()) {
            request.tag(record.headers());
        }
        return Uni.createFrom().completionStage(() -> send(record))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .onFailure().transform(e -> ApiException.unavailable(
                        "The platform's event log is unavailable; nothing was changed. Try again shortly."))
                .chain(metadata -> Uni.createFrom()
                        .completionStage(waiter.outcomeOf(metadata.partition(), metadata.offset()))
                        .ifNoItem().after(config.writeTimeout()).failWith(() -> ApiException.unavailable(
                                "The change was recorded but not yet applied; it will be. Read it back shortly."))
                        .eventually(() -> waiter.forget(metadata.partition(), metadata.offset())));
    }

    private CompletableFuture<RecordMetadata> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<RecordMetadata> sent = new CompletableFuture<>();
        try {
            producer.send(record,
                    (metadata, error) -> {
                        if (error != null) {
                            sent.completeExceptionally(error);
                        } else {
                            sent.complete(metadata);
                        }
                    });
        } catch (RuntimeException e) {
            sent.completeExceptionally(e instanceof org.apache.kafka.common.errors.TimeoutException
                    ? new TimeoutException(e.getMessage()) : e);
        }
        return sent;
    }

    @PreDestroy
    void close() {
        producer.close(java.time.Duration.ofSeconds(5));
    }
}
