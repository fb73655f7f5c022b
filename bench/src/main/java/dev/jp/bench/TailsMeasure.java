package dev.jp.bench;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A thousand concurrent tails of one app at 1,000 lines/s: lines lost (goal none), the delivery
 * latency from POST to each tail (p99 goal 100 ms) and deliveries per second in all; beside
 * Kafka's producer → consumer latency at the same rate, measured in the same run.
 */
final class TailsMeasure implements Measure {

    static final int RATE = 1_000;

    @Override
    public String name() {
        return "tails-1k";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int count = quick ? 100 : 1_000;
        double seconds = quick ? 2 : 15;
        String app = LogTraffic.app(platform, "bench-tails");
        String token = LogTraffic.intakeToken(platform.kafka(), app);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LogTraffic.awaitKnown(http, platform.logRouterUrl(), token);
        String url = LogTraffic.logSession(platform, app, Map.of("tail", true, "lines", 0));

        Tails tails = Tails.open(http, url, count, Tails.MEASURED_FROM);
        long started;
        try {
            tails.awaitFollowing(http, platform.logRouterUrl(), token);
            LogTraffic.postAtRate(http, platform.logRouterUrl(), token, 1, RATE, 1);
            started = System.nanoTime();
            LogTraffic.postAtRate(http, platform.logRouterUrl(), token, Tails.MEASURED_FROM, RATE, seconds);
            tails.awaitAll(Tails.MEASURED_FROM + (long) (RATE * seconds));
        } finally {
            tails.close();
        }
        Stats latency = tails.latency().stats();
        double deliveries = tails.delivered() / ((tails.lastArrival() - started) / 1e9);
        String topic = LogTraffic.topic(platform.kafka(), "bench.tails");
        Stats kafka = Stats.ofNanos(LogTraffic.kafkaLatencies(platform.kafka(), topic, RATE, seconds));
        Map<String, Stats> also = new LinkedHashMap<>();
        also.put("tails", Stats.of(List.of((double) count)));
        also.put("lines lost", Stats.of(List.of((double) tails.lost())));
        also.put("deliveries/s in all", Stats.of(List.of(deliveries)));
        return new Result(name(), "ms", latency, "Kafka producer -> consumer", kafka, "no loss, p99 <= 100 ms",
                tails.lost() == 0 && latency.p99() <= 100, also);
    }
}
