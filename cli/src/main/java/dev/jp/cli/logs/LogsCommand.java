package dev.jp.cli.logs;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.api.Node;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "logs", mixinStandardHelpOptions = true,
        description = {"Show the app's recent log lines; with --tail, keep following them.",
                "A dropped connection during --tail is resumed from the last line seen."})
public final class LogsCommand extends ApiCommand {

    private static final Duration MAX_BACK_OFF = Duration.ofSeconds(10);

    @Mixin
    AppOption app;

    @Option(names = {"-n", "--num"}, paramLabel = "N", defaultValue = "100", description = "How many past lines (default: ${DEFAULT-VALUE}).")
    int lines;

    @Option(names = {"-t", "--tail"}, description = "Keep following new lines (Ctrl-C stops).")
    boolean tail;

    @Option(names = {"-p", "--dyno", "--ps"}, paramLabel = "DYNO|TYPE", description = "Only this dyno (web.1) or type (web).")
    String dyno;

    @Option(names = {"-s", "--source"}, paramLabel = "SOURCE", description = "Only app or heroku (platform) lines.")
    String source;

    @Option(names = "--force-colors", description = "Colour even when not on a terminal.")
    boolean forceColours;

    private String lastId;

    @Override
    protected int run() throws Exception {
        String name = app.resolve(context());
        boolean colour = forceColours || context().colour();
        String url = session(name, lines);
        Duration backOff = Duration.ofMillis(500);
        while (true) {
            try {
                EventStream.read(url, lastId, (id, data) -> {
                    if (id != null) {
                        lastId = id;
                    }
                    out().println(colour ? LogColours.colour(data) : data);
                    out().flush();
                });
                if (!tail) {
                    return 0;
                }
                backOff = Duration.ofMillis(500);
            } catch (EventStream.Rejected e) {
                if (lastId == null) {
                    throw new IOException(e.getMessage(), e);
                }
            } catch (IOException e) {
                if (!tail) {
                    throw e;
                }
            }
            // The stream ended or dropped while following: wait a little, then resume after the last line seen.
            err().println("jp: log stream interrupted; reconnecting in " + backOff.toMillis() + " ms");
            Thread.sleep(backOff.toMillis());
            backOff = backOff.multipliedBy(2).compareTo(MAX_BACK_OFF) > 0 ? MAX_BACK_OFF : backOff.multipliedBy(2);
            url = session(name, 0);
        }
    }

    /** A fresh log session: its URL is only valid for a few minutes, so a resume asks again. */
    private String session(String name, int history) {
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("lines", history);
        request.put("tail", tail);
        if (dyno != null) {
            request.put("dyno", dyno);
        }
        if (source != null) {
            request.put("source", source);
        }
        Node session = api().post("/apps/" + name + "/log-sessions", request);
        return session.text("logplex_url");
    }
}
