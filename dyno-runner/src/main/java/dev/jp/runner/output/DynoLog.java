package dev.jp.runner.output;

import dev.jp.events.DesiredDyno;
import dev.jp.events.logplex.LogShipper;
import dev.jp.events.logplex.LogplexFrame;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A dyno's two log sources, as {@code jp logs} shows them: {@code app[web.1]} for the process's
 * own output (stderr at error priority), {@code heroku[web.1]} for the platform's lines about it.
 * Each goes with its own intake token of the app; drop and loss notices go with the heroku token.
 *
 * <p>Platform lines are handed to the shipper by a thread of their own, in order: they are written
 * by the supervisor, which must never wait for the shipper's lock while hundreds of busy dynos'
 * output pumps take it in turn (seen: a scale-down of 200 chatty dynos stalled for minutes).
 */
public final class DynoLog implements AutoCloseable {

    private final LogShipper shipper;
    private final String host;
    private final Clock clock;
    private final ExecutorService platformLines = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "jp-platform-lines");
        thread.setDaemon(true);
        return thread;
    });

    public DynoLog(LogShipper shipper, String host, Clock clock) {
        this.shipper = shipper;
        this.host = host;
        this.clock = clock;
    }

    /** A platform line about the dyno: {@code heroku[web.1]: State changed from starting to up}. */
    public void heroku(DesiredDyno dyno, String message) {
        LogplexFrame frame = frame(LogplexFrame.INFO, "heroku", dyno.slot(), message);
        platformLines.execute(() -> shipper.ship(dyno.herokuLogToken(), frame));
    }

    /**
     * A line of the dyno's own output as its pump read it: written straight from its bytes into the
     * octet-counted frame the shipper sends, the one copy of the line on its way to the request.
     */
    public void app(DesiredDyno dyno, OutputLine line, boolean stderr) {
        byte[] frame = LogplexFrame.toOctetCounted(stderr ? LogplexFrame.ERROR : LogplexFrame.INFO,
                LogplexFrame.timestamp(clock.instant()), host, "app", dyno.slot(), "-", line.bytes(), 0, line.length());
        shipper.ship(dyno.appLogToken(), dyno.herokuLogToken(), frame);
    }

    private LogplexFrame frame(int priority, String source, String slot, String message) {
        return new LogplexFrame(priority, LogplexFrame.timestamp(clock.instant()), host, source, slot, "-", message);
    }

    /** Hands the platform lines written so far to the shipper (waiting a few seconds at most). */
    @Override
    public void close() {
        platformLines.shutdown();
        try {
            platformLines.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
