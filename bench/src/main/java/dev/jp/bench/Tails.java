package dev.jp.bench;

import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
    /** Per tail: each tail's lines arrive one at a time, so these never contend. */
    private final AtomicLongArray lastArrival;
    private final LatencyHistogram latency = new LatencyHistogram();
    private final long measuredFrom;
    private volatile long expected;

    private Tails(int count, long measuredFrom) {
        this.measured = new AtomicLongArray(count);
        this.any = new AtomicLongArray(count);
        this.lastArrival = new AtomicLongArray(count);
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
            lastArrival.lazySet(tail, at);
        }
    }

    /** Until every tail follows the app live (see {@link LogTraffic#awaitFollowing}). */
    void awaitFollowing(HttpClient http, String routerUrl, String token) throws Exception {
        LogTraffic.awaitFollowing(http, routerUrl, token, this::allHaveAny);
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
        long last = 0;
        for (int i = 0; i < lastArrival.length(); i++) {
            last = Math.max(last, lastArrival.get(i));
        }
        return last;
    }

    LatencyHistogram latency() {
        return latency;
    }

    @Override
    public void close() {
        clients.forEach(TailClient::close);
    }
}
