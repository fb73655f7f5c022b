package dev.jp.runner.dynos;

/**
 * A dyno slot as this runner sees it right now.
 *
 * @param app            the app
 * @param slot           the dyno, such as {@code web.1}
 * @param releaseVersion the release it runs (or is about to)
 * @param state          its last reported state, or null before its first start
 * @param pid            its process, or null when none runs
 * @param port           its {@code $PORT}, or null when no process runs
 * @param crashes        consecutive crashes
 * @param memoryRss      resident memory of its process group at the last sample, or null
 * @param memoryPss      proportional set size of its process group at the last sample, or null
 * @param cpuPercent     CPU use between the last two samples (100 = one core), or null
 */
public record DynoView(String app, String slot, int releaseVersion, String state, Long pid, Integer port, int crashes,
                       Long memoryRss, Long memoryPss, Double cpuPercent) {
}
