package dev.jp.bench;

/**
 * One measure of jp beside the limit it chases, both measured in the same run.
 *
 * @param name       the measure, e.g. {@code api-scale}
 * @param unit       {@code ms} (lower is better) or {@code events/s} (higher is better)
 * @param jp         what jp achieved
 * @param limitName  what the limit is, e.g. {@code Kafka acks=all round trip}
 * @param limit      the limit, measured in the same run
 * @param goal       the goal in words, e.g. {@code p99 <= 50 ms}
 * @param met        whether this run met the goal
 * @param also       further figures of the same run, by name: a second limit, or jp's other side
 *                   (lines lost beside a latency)
 */
public record Result(String name, String unit, Stats jp, String limitName, Stats limit, String goal, boolean met,
                     java.util.Map<String, Stats> also) {

    public Result(String name, String unit, Stats jp, String limitName, Stats limit, String goal, boolean met) {
        this(name, unit, jp, limitName, limit, goal, met, java.util.Map.of());
    }

    /** jp's median as a share of the limit's: how close jp comes to what the machine allows. */
    public double ratio() {
        boolean rate = unit.endsWith("/s");
        return rate ? jp.median() / limit.median() : limit.median() / jp.median();
    }
}
