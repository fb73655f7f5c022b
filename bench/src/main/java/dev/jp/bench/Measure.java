package dev.jp.bench;

/** One thing the bench measures, with its limit, against a running platform. */
public interface Measure {

    String name();

    Result run(BenchPlatform platform, boolean quick) throws Exception;
}
