package dev.jp.reliability.support;

import dev.jp.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** An app's {@code logs.<app>} topic as the broker holds it: what was delivered, and what was reported lost. */
public final class LogsTopic {

    private static final Pattern LOSS = Pattern.compile("Error L1[23]: (\\d+) messages (dropped|lost) since");

    /**
     * One stored line, as log-router encodes it ({@code priority timestamp source dyno message}).
     *
     * @param offset its offset: the SSE event id a tail sees
     */
    public record Line(long offset, String source, String dyno, String message) {
    }

    private LogsTopic() {
    }

    public static List<Line> of(String bootstrap, String app) {
        return PlatformEventsTopic.records(bootstrap, Topics.logs(app), null).stream().map(record -> {
            String[] fields = new String(record.value(), StandardCharsets.UTF_8).split(" ", 5);
            return new Line(record.offset(), fields[2], fields[3], fields[4]);
        }).toList();
    }

    /** The sum of the counts in Logplex's L12 (dropped) and L13 (lost) notices among the lines. */
    public static long reportedLost(List<Line> lines) {
        long count = 0;
        for (Line line : lines) {
            Matcher loss = LOSS.matcher(line.message());
            if (loss.find()) {
                count += Long.parseLong(loss.group(1));
            }
        }
        return count;
    }

    /** The numbers N of the {@code line N} messages a counting dyno printed, in the order stored. */
    public static List<Long> counted(List<Line> lines, String dyno) {
        return lines.stream().filter(line -> line.source().equals("app") && line.dyno().equals(dyno)
                && line.message().startsWith("line ")).map(line -> Long.parseLong(line.message().substring(5).trim())).toList();
    }

    /** A process type that prints {@code line 1}, {@code line 2}, … at about {@code perSecond} lines a second. */
    public static String countingCommand(int perSecond) {
        int burst = Math.max(1, perSecond / 10);
        return "i=0; while true; do j=0; while [ $j -lt " + burst + " ]; do i=$((i+1)); j=$((j+1)); echo \"line $i\"; done; sleep 0.1; done";
    }
}
