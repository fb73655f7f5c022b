package dev.jp.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The wall time of {@code ./jp ps -a APP} against the running platform, as a person types it
 * (the launcher script, its start-up archive, the JVM, one API call, the table); beside the start
 * of {@code java -version} on the same JDK, which no JVM program can beat. The two alternate, so
 * the machine's noise falls on both alike.
 */
final class JpPsMeasure implements Measure {

    @Override
    public String name() {
        return "jp-ps";
    }

    @Override
    public Result run(BenchPlatform platform, boolean quick) throws Exception {
        int warmup = quick ? 2 : 5;
        int samples = quick ? 5 : 40;
        String app = platform.appWithRelease("bench-ps", Map.of("web", "sleep 3600", "worker", "sleep 3600"));
        platform.api().call("PATCH", "/apps/" + app + "/formation",
                Map.of("updates", List.of(Map.of("type", "web", "quantity", 2), Map.of("type", "worker", "quantity", 1))), 200);
        Path config = Files.createTempDirectory("bench-jp-ps");
        String javaHome = System.getProperty("java.home");
        List<String> jpPs = List.of(platform.home().resolve("jp").toString(), "ps", "-a", app);
        List<String> javaVersion = List.of(Path.of(javaHome, "bin", "java").toString(), "-version");
        Map<String, String> env = Map.of("JP_API_URL", platform.apiUrl(), "JP_API_KEY", platform.token(),
                "XDG_CONFIG_HOME", config.toString(), "JAVA_HOME", javaHome);
        List<Long> jp = new ArrayList<>();
        List<Long> java = new ArrayList<>();
        // The first runs also make the launcher's start-up archive, as a first use after a build does.
        for (int i = 0; i < warmup + samples; i++) {
            long jpTime = time(jpPs, env, config);
            long javaTime = time(javaVersion, env, config);
            if (i >= warmup) {
                jp.add(jpTime);
                java.add(javaTime);
            }
        }
        Files.deleteIfExists(config.resolve("stderr"));
        Files.delete(config);
        Stats ps = Stats.ofNanos(jp);
        return new Result(name(), "ms", ps, "java -version start", Stats.ofNanos(java), "p50 <= 150 ms", ps.median() <= 150);
    }

    /** Runs a command to its end in a scratch directory; its wall time in nanoseconds. Output is discarded, a failure is not. */
    private static long time(List<String> command, Map<String, String> env, Path scratch) throws IOException, InterruptedException {
        Path stderr = scratch.resolve("stderr");
        ProcessBuilder builder = new ProcessBuilder(command).directory(scratch.toFile())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(stderr.toFile());
        builder.environment().putAll(env);
        long began = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within 5 minutes");
        }
        long took = System.nanoTime() - began;
        if (process.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited " + process.exitValue() + ": " + Files.readString(stderr));
        }
        return took;
    }
}
