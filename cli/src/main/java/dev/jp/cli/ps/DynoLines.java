package dev.jp.cli.ps;

import dev.jp.cli.Output;
import dev.jp.cli.api.Node;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jp ps}'s text: dynos grouped by type under {@code === web (Standard-1X): cmd (2)} as
 * Heroku prints them, one-offs last, each line with jp's extras (restarts, the next restart of a
 * crashed dyno, its last exit, CPU and memory from the newest sample, the runner host) in brackets.
 */
public final class DynoLines {

    private DynoLines() {
    }

    public static void print(PrintStream out, List<Node> dynos, Instant now) {
        Map<String, List<Node>> byType = new LinkedHashMap<>();
        dynos.stream()
                .sorted(Comparator.comparing((Node d) -> d.text("type").equals("run"))
                        .thenComparing(d -> d.text("type"))
                        .thenComparing(d -> number(d.text("name"))))
                .forEach(d -> byType.computeIfAbsent(d.text("type"), t -> new ArrayList<>()).add(d));
        boolean first = true;
        for (Map.Entry<String, List<Node>> group : byType.entrySet()) {
            if (!first) {
                out.println();
            }
            first = false;
            List<Node> members = group.getValue();
            if (group.getKey().equals("run")) {
                Output.header(out, "run: one-off processes (" + members.size() + ")");
                for (Node dyno : members) {
                    out.println(dyno.text("name") + " (" + dyno.text("size") + "): " + status(dyno, now) + ": " + dyno.text("command")
                            + extras(dyno));
                }
                continue;
            }
            Node head = members.get(0);
            Output.header(out, group.getKey() + " (" + head.text("size") + "): " + head.text("command") + " (" + members.size() + ")");
            for (Node dyno : members) {
                out.println(dyno.text("name") + ": " + status(dyno, now) + extras(dyno));
            }
        }
    }

    /** {@code up 2026/11/21 10:14:40 (~ 3m ago)}, and for a crashed dyno when it comes back. */
    static String status(Node dyno, Instant now) {
        String line = dyno.text("state") + " " + Output.timeAndAge(dyno.text("updated_at"), now);
        String next = dyno.text("next_restart_at");
        if (dyno.text("state").equals("crashed") && !next.isEmpty()) {
            Duration wait = Duration.between(now, Output.instant(next));
            line += wait.isNegative() ? ", restarting now" : ", restarting in " + Output.age(wait);
        }
        return line;
    }

    static String extras(Node dyno) {
        List<String> extras = new ArrayList<>();
        if (dyno.integer("restart_count") > 0) {
            extras.add("restarts " + dyno.integer("restart_count"));
        }
        if (!dyno.get("exit_status").isNull() && !dyno.text("state").equals("up")) {
            extras.add("exit " + dyno.text("exit_status"));
        }
        if (!dyno.text("signal").isEmpty() && !dyno.text("state").equals("up")) {
            extras.add(dyno.text("signal"));
        }
        if (!dyno.text("error").isEmpty()) {
            extras.add(dyno.text("error"));
        }
        if (!dyno.get("memory_rss_mb").isNull()) {
            long cpuTenths = Math.round(Double.parseDouble(dyno.text("cpu_percent")) * 10);
            extras.add("cpu " + cpuTenths / 10 + "." + cpuTenths % 10 + "%, mem " + Math.round(Double.parseDouble(dyno.text("memory_rss_mb"))) + " MB");
        }
        extras.add("v" + dyno.path("release", "version").text());
        if (!dyno.text("host").isEmpty()) {
            extras.add("host " + dyno.text("host"));
        }
        return "  [" + String.join(", ", extras) + "]";
    }

    private static int number(String name) {
        int dot = name.lastIndexOf('.');
        try {
            return dot < 0 ? 0 : Integer.parseInt(name.substring(dot + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
