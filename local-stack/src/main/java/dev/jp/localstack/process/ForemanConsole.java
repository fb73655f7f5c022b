package dev.jp.localstack.process;

import java.io.PrintStream;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Prints child output the way Foreman does: {@code 10:14:40 api.1    | Listening on 5000}, one
 * colour per source when the output is a terminal.
 */
public final class ForemanConsole implements OutputSink {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");
    private static final int[] COLOURS = {36, 33, 32, 35, 34, 96, 93, 92};

    private final PrintStream out;
    private final boolean colour;
    private final int width;
    private final Map<String, Integer> colourBySource = new ConcurrentHashMap<>();

    /** @param width the widest source name, so the bars line up */
    public ForemanConsole(PrintStream out, boolean colour, int width) {
        this.out = out;
        this.colour = colour;
        this.width = width;
    }

    @Override
    public void line(String source, String line) {
        String label = String.format("%s %-" + width + "s |", LocalTime.now().format(TIME), source);
        if (colour) {
            int code = colourBySource.computeIfAbsent(source, s -> COLOURS[colourBySource.size() % COLOURS.length]);
            label = "\u001b[" + code + "m" + label + "\u001b[0m";
        }
        synchronized (out) {
            out.println(label + " " + line);
        }
    }
}
