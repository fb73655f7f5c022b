package dev.jp.logs.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.logs.lines.LineFilter;
import dev.jp.logs.lines.LogLine;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class TailBufferTest {

    private static final Instant T = Instant.parse("2026-11-21T10:00:00Z");
    private final AtomicInteger offers = new AtomicInteger();

    private TailBuffer buffer(int capacity, LineFilter filter) {
        return new TailBuffer(capacity, filter, Clock.fixed(T, ZoneOffset.UTC), offers::incrementAndGet);
    }

    private static List<StoredLine> lines(long from, long to, String dyno) {
        return LongStream.range(from, to).mapToObj(i -> StoredLine.of(i, new LogLine("ts", "app", dyno, "m" + i))).toList();
    }

    @Test
    void a_congested_tail_keeps_the_newest_lines_and_counts_what_it_dropped() {
        TailBuffer buffer = buffer(4, LineFilter.ALL);
        buffer.congested(true);

        buffer.offer(lines(0, 10, "web.1"));
        TailBuffer.Drained drained = buffer.drain();

        assertThat(drained.lines()).extracting(StoredLine::offset).containsExactly(6L, 7L, 8L, 9L);
        assertThat(drained.dropped()).isEqualTo(6);
        assertThat(drained.droppedSince()).isEqualTo(T);
        assertThat(buffer.drain().dropped()).as("reported once").isZero();
    }

    @Test
    void a_tail_that_keeps_up_absorbs_a_burst_beyond_its_capacity() {
        TailBuffer buffer = buffer(4, LineFilter.ALL);

        buffer.offer(lines(0, 4 * TailBuffer.SLACK, "web.1"));

        assertThat(buffer.drain().dropped()).isZero();
    }

    @Test
    void offers_only_matching_lines_after_what_was_already_sent() {
        TailBuffer buffer = buffer(10, new LineFilter("web", null));
        buffer.skipThrough(2);

        buffer.offer(lines(0, 5, "web.1"));
        buffer.offer(lines(5, 8, "worker.1"));

        assertThat(buffer.drain().lines()).extracting(StoredLine::offset).containsExactly(3L, 4L);
        assertThat(offers).hasValue(1);
    }
}
