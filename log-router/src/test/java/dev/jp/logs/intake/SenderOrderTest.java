package dev.jp.logs.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class SenderOrderTest {

    private final SenderOrder order = new SenderOrder();
    private final List<String> handed = new CopyOnWriteArrayList<>();

    @Test
    void a_request_that_overtook_its_predecessor_waits_for_it() throws Exception {
        hand("s 0");
        Thread second = new Thread(() -> hand("s 2"));
        second.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> second.getState() == Thread.State.TIMED_WAITING);
        assertThat(handed).containsExactly("s 0");

        hand("s 1");
        second.join(5_000);

        assertThat(handed).containsExactly("s 0", "s 1", "s 2");
    }

    @Test
    void a_predecessor_that_never_comes_holds_its_successor_back_briefly() {
        hand("s 0");
        long started = System.nanoTime();

        hand("s 2");

        assertThat(handed).containsExactly("s 0", "s 2");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SenderOrder.MAX_WAIT.multipliedBy(3));
    }

    @Test
    void retries_unnumbered_requests_other_streams_and_unknown_streams_go_at_once() {
        hand("s 0");
        hand("s 1");
        hand("s 1");
        hand("s 0");
        hand(null);
        hand("not a number");
        hand("t 7");
        hand("u 0");

        assertThat(handed).containsExactly("s 0", "s 1", "s 1", "s 0", null, "not a number", "t 7", "u 0");
    }

    @Test
    void a_request_that_fails_still_lets_its_successor_go() {
        hand("s 0");
        try {
            order.inTurn("s 1", () -> {
                throw new MalformedLogsException("bad");
            });
        } catch (MalformedLogsException expected) {
            // the 400 case
        }
        long started = System.nanoTime();

        hand("s 2");

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(SenderOrder.MAX_WAIT);
    }

    private void hand(String header) {
        order.inTurn(header, () -> handed.add(header));
    }
}
