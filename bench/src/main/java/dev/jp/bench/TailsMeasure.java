package dev.jp.bench;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Many concurrent tails of one app: lines lost (goal none), the delivery latency from POST to each
 * tail (p99 goal 100 ms) and deliveries per second in all; beside Kafka's producer → consumer
 * latency at the same rate, measured in the same run. {@code tails-1k} is the 1,000 tails
 * at 1,000 lines/s; {@code tails-10k} is 10,000 tails at 100 lines/s, the same million deliveries a
 * second spread over ten times the connections.
 */
final class TailsMeasure implements Measure {

    private final String name;
    private final int tails;
    private final int rate;

    private TailsMeasure(String name, int tails, int rate) {
        this.name = name;
        this.tails = tails;
        this.rate = rate;
    }

    static TailsMeasure thousand() {
        return new TailsMeasure("tails-1k", 1_000, 1_000);
    }

    static TailsMeasure tenThousand() {
        return new TailsMeasure("tails-10k", 10_000, 100);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int count = quick ? tails / 10 : tails;
        double seconds = quick ? 2 : 15;
        String app = LogTraffic.app(platform, "bench-" + name);
        String token = LogTraffic.intakeToken(platform.kafka(), app);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LogTraffic.awaitKnown(http, platform.logRouterUrl(), token);
        String url = LogTraffic.logSession(platform, app, Map.of("tail", true, "lines", 0));

        Tails tails = Tails.open(http, url, count, Tails.MEASURED_FROM);
        long started;
        try {
            tails.awaitFollowing(http, platform.logRouterUrl(), token);
            LogTraffic.postAtRate(http, platform.logRouterUrl(), token, 1, rate, 1);
            started = System.nanoTime();
            LogTraffic.postAtRate(http, platform.logRouterUrl(), token, Tails.MEASURED_FROM, rate, seconds);
            tails.awaitAll(Tails.MEASURED_FROM + (long) (rate * seconds));
        } finally {
            tails.close();
        }
        Stats latency = tails.latency().stats();
        double deliveries = tails.delivered() / ((tails.lastArrival() - started) / 1e9);
        String topic = LogTraffic.topic(platform.kafka(), "bench." + name);
        Stats kafka = Stats.ofNanos(LogTraffic.kafkaLatencies(platform.kafka(), topic, rate, seconds));
        Map<String, Stats> also = new LinkedHashMap<>();
        also.put("tails", Stats.of(List.of((double) count)));
        also.put("lines/s", Stats.of(List.of((double) rate)));
        also.put("lines lost", Stats.of(List.of((double) tails.lost())));
        also.put("deliveries/s in all", Stats.of(List.of(deliveries)));
        return new Result(name(), "ms", latency, "Kafka producer -> consumer", kafka, "no loss, p99 <= 100 ms",
                tails.lost() == 0 && latency.p99() <= 100, also);
    }
}
