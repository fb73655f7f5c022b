package dev.jp.runner.dynos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProcessGroupTest {

    @Test
    void a_signal_reaches_the_whole_group_grandchildren_included() throws Exception {
        Process leader = new ProcessBuilder("/usr/bin/setsid", "/bin/sh", "-c", "sleep 1000 & wait").start();
        ProcessGroup group = new ProcessGroup(leader.pid());
        await().atMost(Duration.ofSeconds(10)).until(() -> group.liveMembers().size() == 2);

        group.signal("KILL");

        await().atMost(Duration.ofSeconds(10)).until(() -> !leader.isAlive());
        await().atMost(Duration.ofSeconds(10)).until(() -> !group.hadLiveMembers(System.nanoTime()));
        assertThat(group.liveMembers()).isEmpty();
    }

    @Test
    void signalling_a_group_that_is_gone_is_fine() throws Exception {
        Process leader = new ProcessBuilder("/usr/bin/setsid", "/bin/true").start();
        leader.waitFor();

        new ProcessGroup(leader.pid()).signal("TERM");

        assertThat(new ProcessGroup(leader.pid()).hadLiveMembers(System.nanoTime())).isFalse();
    }
}
