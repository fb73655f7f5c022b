package dev.jp.cli.ps;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.api.Node;
import dev.jp.cli.releases.ReleaseList;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ps:wait", mixinStandardHelpOptions = true,
        description = "Wait until every formation dyno runs the current release and is up (one-off dynos are not waited for).")
public final class PsWaitCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = {"-t", "--type"}, paramLabel = "TYPE", description = "Only wait for this process type.")
    String type;

    @Option(names = {"-w", "--wait-interval"}, paramLabel = "SECONDS", defaultValue = "1", description = "How often to look (default: ${DEFAULT-VALUE}s).")
    double interval;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "300", description = "Give up after this long, exit 1 (default: ${DEFAULT-VALUE}s).")
    long timeout;

    @Override
    protected int run() throws InterruptedException {
        String name = app.resolve(context());
        int release = ReleaseList.currentVersion(api(), name);
        Instant deadline = Instant.now().plusSeconds(timeout);
        String last = "";
        while (true) {
            List<Node> dynos = api().get("/apps/" + name + "/dynos").list().stream()
                    .filter(d -> !d.text("type").equals("run"))
                    .filter(d -> type == null || d.text("type").equals(type))
                    .toList();
            long ready = dynos.stream()
                    .filter(d -> d.path("release", "version").text().equals(Integer.toString(release)))
                    .filter(d -> d.text("state").equals("up"))
                    .count();
            String line = "Waiting for every dyno to be running v" + release + " (" + ready + " of " + dynos.size() + " up)";
            if (!line.equals(last)) {
                err().print(context().tty() ? "\r" + line : line + "\n");
                err().flush();
                last = line;
            }
            if (ready == dynos.size()) {
                err().println(context().tty() ? "... done" : "done");
                return 0;
            }
            if (Instant.now().isAfter(deadline)) {
                if (context().tty()) {
                    err().println();
                }
                throw CliException.failure("gave up after " + Duration.ofSeconds(timeout).toSeconds() + "s: " + ready + " of "
                        + dynos.size() + " dynos run v" + release + " and are up (see jp ps)");
            }
            Thread.sleep((long) (interval * 1000));
        }
    }
}
