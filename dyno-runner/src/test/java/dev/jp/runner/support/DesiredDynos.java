package dev.jp.runner.support;

import dev.jp.events.DesiredDyno;
import dev.jp.events.EventCodec;
import dev.jp.events.Topics;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Plays platform-api's part: writes desired dynos and tombstones to {@code dynos.desired}. */
public final class DesiredDynos implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer;

    public DesiredDynos(String bootstrapServers) {
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new ByteArraySerializer());
    }

    /** A desired dyno of the app's release 1 with the env platform-api would give it. */
    public static DesiredDyno dyno(String app, String slot, String command, SlugServer.Slug slug) {
        String type = slot.substring(0, slot.indexOf('.'));
        Map<String, String> env = new LinkedHashMap<>();
        env.put("GREETING", "hello");
        env.put("DYNO", slot);
        env.put("JP_APP", app);
        env.put("JP_RELEASE_VERSION", "1");
        return new DesiredDyno(app, slot, type, 1, command, env, "standard-1X", 0, slug.id(), slug.checksum(),
                slug.url(), type.equals("run"), false, "t-app-" + app, "t-heroku-" + app);
    }

    public static DesiredDyno withNonce(DesiredDyno d, long nonce) {
        return new DesiredDyno(d.app(), d.slot(), d.processType(), d.releaseVersion(), d.command(), d.env(), d.size(),
                nonce, d.slugId(), d.slugChecksum(), d.slugUrl(), d.oneOff(), d.attach(), d.appLogToken(), d.herokuLogToken());
    }

    public static DesiredDyno withSize(DesiredDyno d, String size) {
        return new DesiredDyno(d.app(), d.slot(), d.processType(), d.releaseVersion(), d.command(), d.env(), size,
                d.restartNonce(), d.slugId(), d.slugChecksum(), d.slugUrl(), d.oneOff(), d.attach(), d.appLogToken(), d.herokuLogToken());
    }

    public static DesiredDyno withChecksum(DesiredDyno d, String checksum) {
        return new DesiredDyno(d.app(), d.slot(), d.processType(), d.releaseVersion(), d.command(), d.env(), d.size(),
                d.restartNonce(), d.slugId(), checksum, d.slugUrl(), d.oneOff(), d.attach(), d.appLogToken(), d.herokuLogToken());
    }

    public void put(DesiredDyno dyno) {
        send(dyno.key(), EventCodec.encodeDesired(dyno));
    }

    /** Writes many records at once, as platform-api does for a scale to 100. */
    public void putAll(java.util.List<DesiredDyno> dynos) {
        dynos.forEach(d -> producer.send(new ProducerRecord<>(Topics.DYNOS_DESIRED, d.key(), EventCodec.encodeDesired(d))));
        producer.flush();
    }

    public void remove(String app, String slot) {
        send(Topics.desiredDynoKey(app, slot), null);
    }

    private void send(String key, byte[] value) {
        try {
            producer.send(new ProducerRecord<>(Topics.DYNOS_DESIRED, key, value)).get(10, TimeUnit.SECONDS);
        } catch (InterruptedException | ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot write " + key, e);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
