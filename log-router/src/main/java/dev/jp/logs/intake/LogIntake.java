package dev.jp.logs.intake;

import dev.jp.events.logplex.LogplexParser;
import dev.jp.events.logplex.MalformedFrameException;
import dev.jp.events.logplex.RawFrame;
import dev.jp.logs.accounting.LogAccounting;
import dev.jp.logs.apps.IntakeToken;
import dev.jp.logs.lines.LineRecord;
import dev.jp.logs.lines.LogLine;
import dev.jp.logs.lines.LogWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * Turns an authenticated {@code application/logplex-1} body into stored lines: all of them, or,
 * if anything in it is malformed, none.
 *
 * <p>A frame whose APP-NAME is not the token's source makes the request malformed rather than
 * being relabelled: a sender that mixes up its tokens has a bug worth a 400, and an app token must
 * never be able to post lines that read as the platform's ({@code heroku[...]}).
 */
@ApplicationScoped
public class LogIntake {

    private final LogWriter writer;
    private final LogAccounting accounting;

    public LogIntake(LogWriter writer, LogAccounting accounting) {
        this.writer = writer;
        this.accounting = accounting;
    }

    /** Completes once the lines are stored; fails at once with {@link MalformedLogsException}. */
    public CompletableFuture<Integer> take(IntakeToken token, byte[] body, OptionalInt declaredCount)
            throws MalformedLogsException {
        // A frame takes at least ~30 bytes: a declared count is trusted no further than the body allows.
        List<LineRecord> lines = new ArrayList<>(Math.max(0, Math.min(declaredCount.orElse(16), body.length / 30 + 1)));
        try {
            LogplexParser.parseBody(body, declaredCount, new Records(token.source(), lines));
        } catch (MalformedFrameException e) {
            accounting.malformed(token.app());
            throw new MalformedLogsException(e.getMessage());
        }
        if (lines.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return writer.appendRecords(token.app(), lines).thenApply(stored -> {
            accounting.received(token.app(), lines.size());
            return lines.size();
        });
    }

    /**
     * Each frame straight to its record bytes ({@link LogLine#encode(RawFrame)}): no string of the
     * message, and the dyno's name made once for a run of frames of the same dyno.
     */
    private static final class Records implements LogplexParser.FrameSink {
        private final String source;
        private final List<LineRecord> lines;
        private String dyno;

        Records(String source, List<LineRecord> lines) {
            this.source = source;
            this.lines = lines;
        }

        @Override
        public void accept(RawFrame frame) throws MalformedFrameException {
            if (!frame.appNameIs(source)) {
                throw new MalformedFrameException("a frame's APP-NAME is " + frame.appName()
                        + " but the token is for source " + source);
            }
            if (dyno == null || !frame.procIdIs(dyno)) {
                dyno = frame.procId();
            }
            lines.add(new LineRecord(dyno, LogLine.encode(frame)));
        }
    }
}
