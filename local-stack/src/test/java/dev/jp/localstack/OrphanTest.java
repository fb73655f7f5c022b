package dev.jp.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.jp.localstack.process.OutputSink;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrphanTest {

    @Test
    void a_closed_stack_leaves_no_broker_running(@TempDir Path dataDir) {
        LocalStack stack = LocalStack.start(LocalStackConfig.forTests(dataDir), OutputSink.DISCARD);
        ProcessHandle broker = ProcessHandle.of(stack.kafka().pid()).orElseThrow();

        stack.close();

        assertThat(broker.isAlive()).isFalse();
        assertThat(dataDir.resolve("kafka/broker.pid")).doesNotExist();
    }

    @Test
    void the_broker_dies_with_a_parent_killed_by_sigkill_and_the_next_start_works(@TempDir Path dataDir) throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Process holder = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                StackHolder.class.getName(), dataDir.toString())
                .redirectErrorStream(true).start();
        long brokerPid = readBrokerPid(holder);
        ProcessHandle broker = ProcessHandle.of(brokerPid).orElseThrow();

        holder.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent

        await().atMost(Duration.ofSeconds(30)).until(() -> !broker.isAlive());
        // The same data directory starts again: no stale lock, pid file or port in the way.
        try (LocalStack again = LocalStack.start(LocalStackConfig.forTests(dataDir), OutputSink.DISCARD)) {
            assertThat(again.kafka().isAlive()).isTrue();
        }
    }

    private static long readBrokerPid(Process holder) throws Exception {
        BufferedReader reader = new BufferedReader(new InputStreamReader(holder.getInputStream(), StandardCharsets.UTF_8));
        String line;
        List<String> seen = new java.util.ArrayList<>();
        while ((line = reader.readLine()) != null) {
            if (line.startsWith("broker-pid ")) {
                return Long.parseLong(line.substring("broker-pid ".length()).trim());
            }
            seen.add(line);
        }
        throw new AssertionError("the stack holder exited without starting a broker: " + seen);
    }
}
