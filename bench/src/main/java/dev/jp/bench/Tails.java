package dev.jp.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

/**
 * Several tail clients of one log session and what they got: per tail, how many measured lines
 * (sequence number at or past {@link #MEASURED_FROM}) arrived, and each one's latency.
 */
final class Tails implements AutoCloseable {

    /** Lines numbered below this are warm-up and readiness probes, not measured. */
    static final long MEASURED_FROM = 1_000_000_000L;

    private final List<TailClient> clients = new ArrayList<>();
    private final AtomicLongArray measured;
    private final AtomicLongArray any;
    private final AtomicLong lastArrival = new AtomicLong();
    private final LatencyHistogram latency = new LatencyHistogram();
    private final long measuredFrom;
    private volatile long expected;

    private Tails(int count, long measuredFrom) {
        this.measured = new AtomicLongArray(count);
        this.any = new AtomicLongArray(count);
        this.measuredFrom = measuredFrom;
    }

    static Tails open(HttpClient http, String url, int count, long measuredFrom) {
        Tails tails = new Tails(count, measuredFrom);
        for (int i = 0; i < count; i++) {
            int tail = i;
            tails.clients.add(TailClient.open(http, url, (seq, sent, at) -> tails.line(tail, seq, sent, at)));
        }
        return tails;
    }

    private void line(int tail, long seq, long sent, long at) {
        any.incrementAndGet(tail);
        if (seq >= measuredFrom) {
            measured.incrementAndGet(tail);
            latency.record(at - sent);
            lastArrival.accumulateAndGet(at, Math::max);
        }
    }

    /**
     * Posts a probe line every 100 ms until every tail has had a line: then each follows the app
     * live (a line posted from now on reaches it). At most 60 s.
     */
    void awaitFollowing(HttpClient http, String routerUrl, String token) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (!allHaveAny()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("tails did not start following within 60 s");
            }
            LogTraffic.post(http, routerUrl, token, List.of("0 " + System.nanoTime() + " probe")).get();
            LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private boolean allHaveAny() {
        for (int i = 0; i < any.length(); i++) {
            if (any.get(i) == 0) {
                return false;
            }
        }
        return true;
    }

    /** Until every tail has its {@code lastSeq - measuredFrom} measured lines, or none arrived for 10 s. */
    void awaitAll(long endSeq) {
        expected = endSeq - measuredFrom;
        Instant deadline = Instant.now().plusSeconds(120);
        long seen = -1;
        Instant progress = Instant.now();
        while (delivered() < expected * measured.length() && Instant.now().isBefore(deadline)) {
            long now = delivered();
            if (now != seen) {
                seen = now;
                progress = Instant.now();
            } else if (Duration.between(progress, Instant.now()).toSeconds() >= 10) {
                return;
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
    }

    long delivered() {
        long total = 0;
        for (int i = 0; i < measured.length(); i++) {
            total += measured.get(i);
        }
        return total;
    }

    /** Measured lines some tail did not get. */
    long lost() {
        long lost = 0;
        for (int i = 0; i < measured.length(); i++) {
            lost += Math.max(0, expected - measured.get(i));
        }
        return lost;
    }

    long lastArrival() {
        return lastArrival.get();
    }

    LatencyHistogram latency() {
        return latency;
    }

    @Override
    public void close() {
        clients.forEach(TailClient::close);
    }
}
