package dev.jp.bench;

import java.net.http.HttpClient;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tail latency at 10,000 lines/s: from just before a line's {@code POST /logs} (batches every
 * 10 ms, as a busy runner posts) to its arrival at an SSE tail of the app opened through the API;
 * beside Kafka's own producer → consumer latency at the same rate, in the same batches, measured
 * in the same run.
 */
final class TailLatencyMeasure implements Measure {

    static final int RATE = 10_000;

    @Override
    public String name() {
        return "tail-latency";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        double warmup = quick ? 0.5 : 2;
        double seconds = quick ? 2 : 15;
        String app = LogTraffic.app(platform, "bench-tail-latency");
        String token = LogTraffic.intakeToken(platform.kafka(), app);
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        LogTraffic.awaitKnown(http, platform.logRouterUrl(), token);
        String url = LogTraffic.logSession(platform, app, Map.of("tail", true, "lines", 0));

        Tails tails = Tails.open(http, url, 1, Tails.MEASURED_FROM);
        List<Long> posts;
        try {
            tails.awaitFollowing(http, platform.logRouterUrl(), token);
            LogTraffic.postAtRate(http, platform.logRouterUrl(), token, 1, RATE, warmup);
            posts = LogTraffic.postAtRate(http, platform.logRouterUrl(), token, Tails.MEASURED_FROM, RATE, seconds);
            tails.awaitAll(Tails.MEASURED_FROM + (long) (RATE * seconds));
        } finally {
            tails.close();
        }
        Stats latency = tails.latency().stats();
        String topic = LogTraffic.topic(platform.kafka(), "bench.tail-latency");
        Stats kafka = Stats.ofNanos(LogTraffic.kafkaLatencies(platform.kafka(), topic, RATE, seconds));
        Map<String, Stats> also = new LinkedHashMap<>();
        also.put("intake POST, 100 lines (ms)", Stats.ofNanos(posts));
        also.put("lines lost", Stats.of(List.of((double) tails.lost())));
        return new Result(name(), "ms", latency, "Kafka producer -> consumer", kafka, "p50 <= 10 ms, p99 <= 50 ms",
                latency.median() <= 10 && latency.p99() <= 50, also);
    }
}
