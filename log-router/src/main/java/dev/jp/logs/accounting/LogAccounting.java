package dev.jp.logs.accounting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What happened to each app's lines, as Prometheus counters on {@code /q/metrics}: honest numbers
 * for "where did my logs go". {@code received} lines stored at the intake, {@code malformed}
 * intake requests refused with 400, {@code delivered} lines written to tails, {@code dropped}
 * lines a tail lost because its client could not keep up (each also reported in-band as L11);
 * per drain, {@code jp_drain_delivered} and {@code jp_drain_dropped} by reason.
 */
@ApplicationScoped
public class LogAccounting {

    private final MeterRegistry registry;
    /** Counters by name and app: a registry look-up builds an id and hashes its tags, per call. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public LogAccounting(MeterRegistry registry) {
        this.registry = registry;
    }

    public void received(String app, int lines) {
        counter("jp.logs.received", app, "lines stored at the intake").increment(lines);
    }

    public void malformed(String app) {
        counter("jp.logs.malformed", app, "intake requests refused as malformed (nothing stored)").increment();
    }

    public void delivered(String app, int lines) {
        counter("jp.logs.delivered", app, "lines written to tail sessions").increment(lines);
    }

    public void dropped(String app, long lines) {
        counter("jp.logs.dropped", app, "lines tails lost to a full buffer (L11)").increment(lines);
    }

    public void drainDelivered(String app, String drainId, int lines) {
        Counter.builder("jp.drain.delivered").description("lines a drain's endpoint took")
                .tag("app", app).tag("drain", drainId).register(registry).increment(lines);
    }

    /** {@code reason}: {@code overflow} (L10), {@code rejected} (4xx), {@code failed} (tries exhausted) or {@code refused} (L16). */
    public void drainDropped(String app, String drainId, String reason, long lines) {
        Counter.builder("jp.drain.dropped").description("lines a drain lost")
                .tag("app", app).tag("drain", drainId).tag("reason", reason).register(registry).increment(lines);
    }

    private Counter counter(String name, String app, String description) {
        return counters.computeIfAbsent(name + '\u0000' + app,
                key -> Counter.builder(name).description(description).tag("app", app).baseUnit(null).register(registry));
    }
}
