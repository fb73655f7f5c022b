package dev.jp.bench;

/** One thing the bench measures, with its limit, against a running platform. */
public interface Measure {

    String name();

    Result run(BenchPlatform platform, boolean quick) throws Exception;

    /** A measure with one result per part (memory: one per service) overrides this. */
    default java.util.List<Result> runAll(BenchPlatform platform, boolean quick) throws Exception {
        return java.util.List.of(run(platform, quick));
    }
}
