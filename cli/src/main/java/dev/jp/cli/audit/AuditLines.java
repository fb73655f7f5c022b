package dev.jp.cli.audit;

import dev.jp.cli.api.Node;
import java.util.List;
import java.util.stream.Collectors;

/**
 * One recorded event as a person reads it: {@code Deploy 1a2b3c4 (v3)}, {@code Scale web=2},
 * {@code Set A, B config vars (v4)}, {@code Crash of web.1 (exit 137)}. Null for the dyno
 * life-cycle chatter (starting, up, down) that would drown the rest unless asked for.
 */
public final class AuditLines {

    private AuditLines() {
    }

    public static String describe(String type, Node event, boolean everything) {
        String base = type.replaceAll("\\.v\\d+$", "");
        return switch (base) {
            case "app.created" -> "Create app";
            case "app.destroyed" -> "Destroy app";
            case "slug.created" -> "Upload slug " + (event.text("commit").isEmpty() ? shortId(event.text("slugId"))
                    : shortId(event.text("commit")));
            case "release.created" -> event.text("description") + " (v" + event.integer("version") + ")";
            case "config-vars.changed" -> configChange(event);
            case "formation.scaled" -> "Scale " + event.get("changes").list().stream()
                    .map(c -> c.text("type") + "=" + c.integer("quantity") + (c.text("size").isEmpty() ? "" : ":" + c.text("size")))
                    .collect(Collectors.joining(" "));
            case "dyno.restart-requested" -> "Restart " + target(event);
            case "dyno.stop-requested" -> "Stop " + target(event);
            case "dyno.one-off-requested" -> "Run `" + event.text("command") + "` as " + event.text("dyno");
            case "dyno.state-changed" -> dynoState(event, everything);
            case "drain.added" -> "Add drain " + event.text("url");
            case "drain.removed" -> "Remove drain " + event.text("url");
            default -> type;
        };
    }

    private static String configChange(Node event) {
        List<String> set = List.copyOf(event.get("set").map().keySet());
        List<String> unset = event.get("unset").list().stream().map(Node::text).toList();
        String text;
        if (!set.isEmpty() && !unset.isEmpty()) {
            text = "Set " + String.join(", ", set) + " and unset " + String.join(", ", unset) + " config vars";
        } else if (!unset.isEmpty()) {
            text = "Unset " + String.join(", ", unset) + " config vars";
        } else {
            text = "Set " + String.join(", ", set) + " config vars";
        }
        return text + " (v" + event.integer("releaseVersion") + ")";
    }

    private static String dynoState(Node event, boolean everything) {
        String state = event.text("state");
        String dyno = event.text("dyno");
        if (state.equals("crashed")) {
            String why = !event.text("exitStatus").isEmpty() ? "exit " + event.text("exitStatus")
                    : !event.text("signal").isEmpty() ? event.text("signal") : "";
            return "Crash of " + dyno + (why.isEmpty() ? "" : " (" + why + ")");
        }
        if (!everything) {
            return null;
        }
        return dyno + " " + state + " (v" + event.integer("releaseVersion") + ")"
                + (event.text("host").isEmpty() ? "" : " on " + event.text("host"));
    }

    private static String target(Node event) {
        if (!event.text("dyno").isEmpty()) {
            return event.text("dyno");
        }
        return event.text("processType").isEmpty() ? "all dynos" : event.text("processType") + " dynos";
    }

    private static String shortId(String id) {
        return id.length() > 7 ? id.substring(0, 7) : id;
    }
}
