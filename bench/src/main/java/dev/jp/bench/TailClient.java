package dev.jp.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;

/**
 * One {@code jp logs --tail} client of a log session, as cheap as a client can be: it reads the
 * event stream as bytes and hands each line's two leading numbers (the bench writes
 * {@code <seq> <sent nanos> ...} or {@code <seq> ...} as the message) to a sink, with the time it
 * arrived. A thousand of these share one {@link HttpClient} and no thread each.
 */
final class TailClient implements Flow.Subscriber<List<ByteBuffer>>, AutoCloseable {

    /** What a tail receives: the line's sequence number and send time (-1 when the line has none). */
    interface Sink {
        void line(long seq, long sentNanos, long receivedNanos);
    }

    private static final byte[] DATA = "data: ".getBytes();

    private final Sink sink;
    private final byte[] line = new byte[128];
    private int length;
    private volatile Flow.Subscription subscription;
    private CompletableFuture<HttpResponse<Void>> response;

    private TailClient(Sink sink) {
        this.sink = sink;
    }

    /** Opens the stream; lines go to the sink until {@link #close()}. */
    static TailClient open(HttpClient http, String logplexUrl, Sink sink) {
        TailClient client = new TailClient(sink);
        HttpRequest request = HttpRequest.newBuilder(URI.create(logplexUrl)).header("Accept", "text/event-stream").build();
        client.response = http.sendAsync(request, info -> HttpResponse.BodySubscribers.fromSubscriber(client));
        return client;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(Long.MAX_VALUE);
    }

    /**
     * Only a line's head is kept (its numbers end well within it): a thousand tails read a million
     * lines a second on the same machine as the router, so the client must cost little.
     */
    @Override
    public void onNext(List<ByteBuffer> buffers) {
        long received = System.nanoTime();
        for (ByteBuffer buffer : buffers) {
            if (buffer.hasArray()) {
                byte[] bytes = buffer.array();
                int end = buffer.arrayOffset() + buffer.limit();
                for (int i = buffer.arrayOffset() + buffer.position(); i < end; i++) {
                    accept(bytes[i], received);
                }
                buffer.position(buffer.limit());
            } else {
                while (buffer.hasRemaining()) {
                    accept(buffer.get(), received);
                }
            }
        }
    }

    private void accept(byte b, long received) {
        if (b == '\n') {
            ended(received);
            length = 0;
        } else if (length < line.length) {
            line[length++] = b;
        }
    }

    /** {@code data: <time> app[web.1]: <seq> <sent> ...}: the numbers after the first {@code "]: "}. */
    private void ended(long received) {
        if (length <= DATA.length) {
            return;
        }
        for (int i = 0; i < DATA.length; i++) {
            if (line[i] != DATA[i]) {
                return;
            }
        }
        int at = DATA.length;
        while (at + 2 < length && !(line[at] == ']' && line[at + 1] == ':' && line[at + 2] == ' ')) {
            at++;
        }
        at += 3;
        long seq = 0;
        int digits = 0;
        for (; at < length && line[at] >= '0' && line[at] <= '9'; at++, digits++) {
            seq = seq * 10 + (line[at] - '0');
        }
        if (digits == 0) {
            return;
        }
        long sent = 0;
        int sentDigits = 0;
        for (at++; at < length && line[at] >= '0' && line[at] <= '9'; at++, sentDigits++) {
            sent = sent * 10 + (line[at] - '0');
        }
        sink.line(seq, sentDigits > 0 ? sent : -1, received);
    }

    @Override
    public void onError(Throwable throwable) {
        // The stream ended: the measure counts what arrived.
    }

    @Override
    public void onComplete() {
    }

    @Override
    public void close() {
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
        response.cancel(true);
    }
}
