package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The latest resource sample of one dyno: the value of the compacted topic
 * {@value Topics#DYNOS_STATS}, key {@code app/slot}. Runners write one per sample (every 20 s by
 * default); platform-api keeps the newest for {@code jp ps}. Samples are not history, so they stay
 * out of {@value Topics#PLATFORM_EVENTS}, which is kept forever.
 *
 * @param app        the app
 * @param slot       the dyno, such as {@code web.1}
 * @param host       the runner that measured it
 * @param cpuPercent CPU used since the previous sample, in percent of one core (may exceed 100)
 * @param memoryRssMb resident memory of the dyno's process group, in MB
 * @param memoryPssMb proportional set size (shared pages counted fairly), in MB
 * @param sampledAt  when it was measured
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public record DynoStats(String app, String slot, String host, double cpuPercent, double memoryRssMb,
                        double memoryPssMb, Instant sampledAt) {

    public DynoStats {
        Fields.required(app, "app");
        Fields.required(slot, "slot");
        Fields.required(host, "host");
        Fields.required(sampledAt, "sampledAt");
    }

    /** The record's key on {@value Topics#DYNOS_STATS}: {@code app/slot}. */
    @JsonIgnore
    public String key() {
        return Topics.desiredDynoKey(app, slot);
    }
}
