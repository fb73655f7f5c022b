package dev.jp.events.logplex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogShipperTest {

    /** What the fake intake answers; 204 like log-router. */
    private final AtomicInteger status = new AtomicInteger(204);
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean hang;
    /** Requests the fake intake holds at this moment (while {@link #hang}). */
    private final AtomicInteger held = new AtomicInteger();
    private final LinkedBlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** When each request arrived (System.nanoTime), whatever it was answered. */
    private final List<Long> arrivals = java.util.Collections.synchronizedList(new ArrayList<>());
    private HttpServer intake;
    private LogShipper shipper;

    record Request(String token, String contentType, int declaredCount, List<String> frames, String sequence) {

        long number() {
            return Long.parseLong(sequence.split(" ")[1]);
        }
    }

    @BeforeEach
    void startIntake() throws IOException {
        intake = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        intake.createContext("/logs", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            arrivals.add(System.nanoTime());
            if (hang) {
                held.incrementAndGet();
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    held.decrementAndGet();
                }
            }
            int answer = status.get();
            if (answer == 204) {
                String auth = exchange.getRequestHeaders().getFirst("Authorization");
                String user = new String(Base64.getDecoder().decode(auth.substring("Basic ".length())), StandardCharsets.UTF_8);
                requests.add(new Request(user.substring(user.indexOf(':') + 1),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        Integer.parseInt(exchange.getRequestHeaders().getFirst("Logplex-Msg-Count")),
                        octetCounted(body), exchange.getRequestHeaders().getFirst(LogShipper.SEQUENCE_HEADER)));
            }
            exchange.sendResponseHeaders(answer, -1);
            exchange.close();
        });
        // A thread per request, as log-router: the shipper keeps several requests in flight.
        intake.setExecutor(Executors.newCachedThreadPool());
        intake.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        if (shipper != null) {
            shipper.close();
        }
        intake.stop(0);
    }

    private LogShipper.Settings settings() {
        return LogShipper.Settings.defaults(URI.create("http://127.0.0.1:" + intake.getAddress().getPort()), "runner-1")
                .withFlushInterval(Duration.ofMillis(20));
    }

    @Test
    void posts_octet_counted_frames_with_the_token_as_basic_auth() throws InterruptedException {
        shipper = new LogShipper(settings());

        shipper.ship("t-app", frame("app", "web.1", "Listening on 5000"));
        shipper.ship("t-app", frame("app", "web.1", "héllo ✓"));

        List<String> lines = new ArrayList<>();
        Request first = next();
        assertThat(first.token()).isEqualTo("t-app");
        assertThat(first.contentType()).isEqualTo("application/logplex-1");
        assertThat(first.declaredCount()).isEqualTo(first.frames().size());
        lines.addAll(first.frames());
        while (lines.size() < 2) {
            lines.addAll(next().frames());
        }
        assertThat(lines).extracting(LogShipperTest::message).containsExactly("Listening on 5000", "héllo ✓");
    }

    @Test
    void batches_many_lines_into_few_requests_of_bounded_size() throws InterruptedException {
        shipper = new LogShipper(settings().withMaxFramesPerPost(100));

        for (int i = 0; i < 1000; i++) {
            shipper.ship("t-app", frame("app", "worker.1", "line " + i));
        }

        List<Request> posts = new ArrayList<>();
        int lines = 0;
        while (lines < 1000) {
            Request request = next();
            assertThat(request.frames()).hasSizeLessThanOrEqualTo(100);
            posts.add(request);
            lines += request.frames().size();
        }
        assertThat(posts).hasSizeLessThanOrEqualTo(20);
        assertThat(inSequence(posts)).extracting(LogShipperTest::message).startsWith("line 0", "line 1").endsWith("line 999");
    }

    @Test
    void keeps_several_requests_of_a_token_in_flight_numbered_in_the_order_of_their_lines() throws InterruptedException {
        shipper = new LogShipper(settings().withMaxFramesPerPost(10).withMaxInFlightPerToken(3));
        shipper.ship("t-app", frame("app", "web.1", "first"));
        Request first = next();
        assertThat(first.sequence()).endsWith(" 0");

        hang = true;
        for (int i = 0; i < 100; i++) {
            shipper.ship("t-app", frame("app", "web.1", "line " + i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (held.get() < 3 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(held.get()).as("requests in flight at once").isEqualTo(3);
        hang = false;
        release.countDown();

        List<Request> posts = new ArrayList<>();
        int lines = 0;
        while (lines < 100) {
            Request request = next();
            posts.add(request);
            lines += request.frames().size();
        }
        assertThat(posts).allSatisfy(p -> assertThat(p.sequence()).startsWith(first.sequence().split(" ")[0] + " "));
        assertThat(posts).extracting(Request::number).doesNotHaveDuplicates().allSatisfy(n -> assertThat(n).isPositive());
        List<String> messages = inSequence(posts).stream().map(LogShipperTest::message).toList();
        assertThat(messages).hasSize(100);
        for (int i = 0; i < 100; i++) {
            assertThat(messages.get(i)).isEqualTo("line " + i);
        }
    }

    /** The requests' lines in the order of their sequence numbers, which log-router stores them in. */
    private static List<String> inSequence(List<Request> requests) {
        return requests.stream().sorted(java.util.Comparator.comparingLong(Request::number))
                .flatMap(r -> r.frames().stream()).toList();
    }

    @Test
    void keeps_separate_tokens_in_separate_requests() throws InterruptedException {
        shipper = new LogShipper(settings());

        shipper.ship("t-one", frame("app", "web.1", "one"));
        shipper.ship("t-two", frame("app", "web.1", "two"));

        Request a = next();
        Request b = next();
        assertThat(List.of(a.token() + "=" + message(a.frames().get(0)), b.token() + "=" + message(b.frames().get(0))))
                .containsExactlyInAnyOrder("t-one=one", "t-two=two");
    }

    @Test
    void never_blocks_the_caller_and_reports_dropped_lines_as_L12() throws InterruptedException {
        hang = true;
        shipper = new LogShipper(settings().withCapacityPerToken(10));

        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            for (int i = 0; i < 50_000; i++) {
                shipper.ship("t-app", "t-heroku", frame("app", "web.1", "line " + i));
            }
        });
        release.countDown();
        hang = false;

        assertThat(shipper.dropped()).isGreaterThan(40_000);
        Request notice = nextWithToken("t-heroku");
        assertThat(notice.frames()).anySatisfy(f -> {
            assertThat(f).contains(" heroku logplex - - Error L12: ");
            assertThat(message(f)).matches("Error L12: \\d+ messages dropped since \\d{4}-\\d\\d-\\d\\dT.*\\+00:00");
        });
        List<String> appLines = new ArrayList<>();
        while (!appLines.contains("line 49999")) {
            nextWithToken("t-app").frames().forEach(f -> appLines.add(message(f)));
        }
    }

    @Test
    void holds_what_the_intake_cannot_take_and_delivers_it_once_and_in_order_when_it_is_back() throws InterruptedException {
        status.set(503);
        shipper = new LogShipper(settings().withMaxFramesPerPost(20).withRetryBackoff(Duration.ofMillis(10), Duration.ofMillis(100)));

        for (int i = 0; i < 50; i++) {
            shipper.ship("t-app", "t-heroku", frame("app", "web.1", "held " + i));
        }
        awaitArrivals(8);
        for (int i = 0; i < 10; i++) {
            shipper.ship("t-app", "t-heroku", frame("app", "web.1", "later " + i));
        }
        awaitArrivals(arrivals.size() + 2);
        List<Long> times = List.copyOf(arrivals);
        for (int i = 5; i < times.size(); i++) {
            // The 4th failure in a row pauses at least half of min(10 ms × 2³, 100 ms): 40 ms.
            assertThat(Duration.ofNanos(times.get(i) - times.get(i - 1))).as("pause before attempt %d", i + 1)
                    .isGreaterThanOrEqualTo(Duration.ofMillis(38));
        }
        assertThat(shipper.lost()).isZero();
        status.set(204);

        List<Request> posts = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        // Once the intake is back the token has several requests in flight: they arrive in any order.
        while (messages.size() < 60) {
            Request request = nextWithToken("t-app");
            posts.add(request);
            request.frames().forEach(f -> messages.add(message(f)));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            expected.add("held " + i);
        }
        for (int i = 0; i < 10; i++) {
            expected.add("later " + i);
        }
        assertThat(inSequence(posts)).extracting(LogShipperTest::message).containsExactlyElementsOf(expected);
        assertThat(shipper.lost()).isZero();
        assertThat(shipper.dropped()).isZero();
        assertThat(shipper.retried()).isPositive();
    }

    @Test
    void drops_the_oldest_held_lines_when_an_outage_outlasts_the_buffer_and_reports_them_as_L12() throws InterruptedException {
        status.set(503);
        shipper = new LogShipper(settings().withCapacityPerToken(10).withRetryBackoff(Duration.ofMillis(10), Duration.ofMillis(50)));

        for (int i = 0; i < 5; i++) {
            shipper.ship("t-app", "t-heroku", frame("app", "web.1", "first " + i));
        }
        awaitArrivals(2);
        for (int i = 0; i < 20; i++) {
            shipper.ship("t-app", "t-heroku", frame("app", "web.1", "then " + i));
        }
        // 25 lines for 10 places: the oldest waiting go (a request on the wire at that moment is not waiting).
        long dropped = shipper.dropped();
        assertThat(dropped).isBetween(10L, 15L);
        status.set(204);

        List<Request> posts = new ArrayList<>();
        List<String> notices = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        while (messages.size() < 25 - dropped || notices.isEmpty()) {
            Request request = next();
            if (request.token().equals("t-app")) {
                posts.add(request);
                request.frames().forEach(f -> messages.add(message(f)));
            } else {
                request.frames().forEach(f -> notices.add(message(f)));
            }
        }
        List<String> delivered = inSequence(posts).stream().map(LogShipperTest::message).toList();
        assertThat(delivered).as("every line delivered once, in order, or dropped").hasSize((int) (25 - dropped))
                .doesNotHaveDuplicates().endsWith("then 10", "then 11", "then 12", "then 13", "then 14", "then 15", "then 16",
                        "then 17", "then 18", "then 19");
        assertThat(notices).anySatisfy(m -> assertThat(m).startsWith("Error L12: " + dropped + " messages dropped since "));
        assertThat(shipper.lost()).isZero();
    }

    @Test
    void reports_lines_the_intake_refused_as_L13_once_it_takes_lines_again() throws InterruptedException {
        status.set(413);
        shipper = new LogShipper(settings());

        for (int i = 0; i < 5; i++) {
            shipper.ship("t-app", "t-heroku", frame("app", "web.1", "lost " + i));
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (shipper.lost() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(shipper.lost()).isEqualTo(5);
        status.set(204);
        shipper.ship("t-app", "t-heroku", frame("app", "web.1", "after"));

        Request notice = nextWithToken("t-heroku");
        assertThat(notice.frames()).extracting(LogShipperTest::message)
                .anySatisfy(m -> assertThat(m).startsWith("Error L13: 5 messages lost since "));
    }

    @Test
    void does_not_retry_what_the_intake_refuses() throws InterruptedException {
        status.set(401);
        shipper = new LogShipper(settings().withRetryBackoff(Duration.ofMillis(10), Duration.ofMillis(10)));

        shipper.ship("t-wrong", frame("app", "web.1", "x"));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        while (shipper.lost() < 1 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(shipper.lost()).isEqualTo(1);
        // Only its L13 notice goes again (to the same refusing token); the line never does.
        awaitArrivals(3);
        assertThat(shipper.retried()).isZero();
        assertThat(shipper.lost()).isEqualTo(1);
    }

    private void awaitArrivals(int count) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (arrivals.size() < count && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(arrivals.size()).as("requests at the intake").isGreaterThanOrEqualTo(count);
    }

    private Request next() throws InterruptedException {
        Request request = requests.poll(5, TimeUnit.SECONDS);
        assertThat(request).as("a request at the fake intake within 5 s").isNotNull();
        return request;
    }

    private Request nextWithToken(String token) throws InterruptedException {
        while (true) {
            Request request = next();
            if (request.token().equals(token)) {
                return request;
            }
        }
    }

    private static LogplexFrame frame(String source, String dyno, String message) {
        return new LogplexFrame(LogplexFrame.INFO, LogplexFrame.timestamp(Instant.now()), "host", source, dyno, "-", message);
    }

    private static String message(String syslog) {
        // <PRI>1 TS HOST APP PROC MSGID - MSG
        String[] parts = syslog.split(" ", 8);
        return parts[7];
    }

    /** Splits a logplex-1 body: {@code <LEN> <frame>} repeated, LEN in bytes. */
    private static List<String> octetCounted(byte[] body) {
        List<String> frames = new ArrayList<>();
        int at = 0;
        while (at < body.length) {
            int space = at;
            while (body[space] != ' ') {
                space++;
            }
            int length = Integer.parseInt(new String(body, at, space - at, StandardCharsets.US_ASCII));
            frames.add(new String(body, space + 1, length, StandardCharsets.UTF_8));
            at = space + 1 + length;
        }
        return frames;
    }
}
