package dev.jp.runner.output;

import dev.jp.events.DesiredDyno;
import dev.jp.events.logplex.LogShipper;
import dev.jp.events.logplex.LogplexFrame;
import java.time.Clock;

/**
 * A dyno's two log sources, as {@code jp logs} shows them: {@code app[web.1]} for the process's
 * own output (stderr at error priority), {@code heroku[web.1]} for the platform's lines about it.
 * Each goes with its own intake token of the app; drop and loss notices go with the heroku token.
 */
public final class DynoLog {

    private final LogShipper shipper;
    private final String host;
    private final Clock clock;

    public DynoLog(LogShipper shipper, String host, Clock clock) {
        this.shipper = shipper;
        this.host = host;
        this.clock = clock;
    }

    /** A platform line about the dyno: {@code heroku[web.1]: State changed from starting to up}. */
    public void heroku(DesiredDyno dyno, String message) {
        shipper.ship(dyno.herokuLogToken(), frame(LogplexFrame.INFO, "heroku", dyno.slot(), message));
    }

    /** A line of the dyno's own output. */
    public void app(DesiredDyno dyno, String line, boolean stderr) {
        shipper.ship(dyno.appLogToken(), dyno.herokuLogToken(),
                frame(stderr ? LogplexFrame.ERROR : LogplexFrame.INFO, "app", dyno.slot(), line));
    }

    private LogplexFrame frame(int priority, String source, String slot, String message) {
        return new LogplexFrame(priority, LogplexFrame.timestamp(clock.instant()), host, source, slot, "-", message);
    }
}
