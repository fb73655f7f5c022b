package dev.jp.logs.intake;

import dev.jp.events.logplex.LogplexFrame;
import dev.jp.events.logplex.LogplexParser;
import dev.jp.events.logplex.MalformedFrameException;
import dev.jp.logs.accounting.LogAccounting;
import dev.jp.logs.apps.IntakeToken;
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
        List<LogLine> lines;
        try {
            lines = lines(token, LogplexParser.parseBody(body, declaredCount));
        } catch (MalformedFrameException | MalformedLogsException e) {
            accounting.malformed(token.app());
            throw new MalformedLogsException(e.getMessage());
        }
        if (lines.isEmpty()) {
            return CompletableFuture.completedFuture(0);
        }
        return writer.append(token.app(), lines).thenApply(stored -> {
            accounting.received(token.app(), lines.size());
            return lines.size();
        });
    }

    private static List<LogLine> lines(IntakeToken token, List<LogplexFrame> frames) throws MalformedLogsException {
        List<LogLine> lines = new ArrayList<>(frames.size());
        for (LogplexFrame frame : frames) {
            if (!frame.appName().equals(token.source())) {
                throw new MalformedLogsException("a frame's APP-NAME is " + frame.appName()
                        + " but the token is for source " + token.source());
            }
            lines.add(new LogLine(frame.priority(), frame.timestamp(), frame.appName(), frame.procId(), frame.message()));
        }
        return lines;
    }
}
