package dev.jp.cli.audit;

import dev.jp.cli.ApiCommand;
import dev.jp.cli.AppOption;
import dev.jp.cli.CliException;
import dev.jp.cli.Output;
import dev.jp.cli.api.ApiClient;
import dev.jp.cli.api.Node;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "audit", mixinStandardHelpOptions = true,
        description = {"The app's history: deploys, rollbacks, scales, config changes, restarts and crashes, who and when.",
                "With --at, the app's state at that moment instead."})
public final class AuditCommand extends ApiCommand {

    @Mixin
    AppOption app;

    @Option(names = "--at", paramLabel = "TIME", description = "Show the state at this time (ISO-8601, or an age such as 10m, 2h, 1d).")
    String at;

    @Option(names = "--type", paramLabel = "TYPE", description = "Only events of this type, such as formation.scaled.v1; repeatable.")
    List<String> types = List.of();

    @Option(names = "--since", paramLabel = "TIME", description = "Only events since this time (ISO-8601, or an age such as 1h).")
    String since;

    @Option(names = "--all", description = "Also show each dyno's starting, up and down.")
    boolean everything;

    @Option(names = "--json", description = "Print the API's JSON.")
    boolean json;

    @Override
    protected int run() {
        String name = app.resolve(context());
        if (at != null) {
            return state(name);
        }
        List<String> query = new ArrayList<>();
        types.forEach(type -> query.add("type=" + ApiClient.segment(type)));
        if (since != null) {
            query.add("since=" + ApiClient.segment(instant(since).toString()));
        }
        String path = "/apps/" + name + "/events" + (query.isEmpty() ? "" : "?" + String.join("&", query));
        List<Node> events = new ArrayList<>();
        String range = "offset ..; max=1000";
        while (range != null) {
            ApiClient.Response page = api().get(path, Map.of("Range", range));
            events.addAll(page.body().list());
            range = page.status() == 206 ? page.header("Next-Range") : null;
        }
        if (json) {
            Output.json(out(), events.stream().map(Node::value).toList());
            return 0;
        }
        Output.header(out(), name + " Audit");
        List<List<String>> rows = new ArrayList<>();
        for (Node event : events) {
            String what = AuditLines.describe(event.text("type"), event.get("event"), everything || !types.isEmpty());
            if (what != null) {
                rows.add(List.of(Output.time(event.text("occurred_at")), event.text("by"), what));
            }
        }
        Output.table(out(), rows);
        return 0;
    }

    private int state(String name) {
        Node state = api().get("/apps/" + name + "/state?at=" + ApiClient.segment(instant(at).toString()));
        if (json) {
            Output.json(out(), state);
            return 0;
        }
        Output.header(out(), name + " at " + Output.time(state.text("at")));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("Release", state.get("release_version").isNull() ? "none"
                : "v" + state.text("release_version") + " " + state.text("release_description"));
        values.put("Config vars", state.get("config_keys").list().stream().map(Node::text).collect(Collectors.joining(", ")));
        values.put("Formation", state.get("formation").map().entrySet().stream()
                .map(e -> e.getKey() + "=" + new Node(e.getValue()).integer("quantity") + ":" + new Node(e.getValue()).text("size"))
                .collect(Collectors.joining(" ")));
        values.put("Drains", state.text("drains"));
        values.put("Destroyed", Boolean.TRUE.equals(state.get("destroyed").value()) ? "yes" : "no");
        Output.keyValues(out(), values);
        return 0;
    }

    /** ISO-8601, or an age back from now: 30s, 10m, 2h, 1d. */
    static Instant instant(String text) {
        String trimmed = text.trim();
        if (trimmed.matches("\\d+[smhd]")) {
            long amount = Long.parseLong(trimmed.substring(0, trimmed.length() - 1));
            Duration age = switch (trimmed.charAt(trimmed.length() - 1)) {
                case 's' -> Duration.ofSeconds(amount);
                case 'm' -> Duration.ofMinutes(amount);
                case 'h' -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return Instant.now().minus(age);
        }
        try {
            return Instant.parse(trimmed);
        } catch (DateTimeParseException e) {
            try {
                return java.time.OffsetDateTime.parse(trimmed).toInstant();
            } catch (DateTimeParseException again) {
                throw CliException.usage("'" + text + "' is not a time; give 2026-11-21T10:00:00Z or an age such as 10m");
            }
        }
    }
}
