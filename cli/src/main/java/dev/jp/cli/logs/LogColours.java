package dev.jp.cli.logs;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Colours the {@code source[dyno]:} part of a log line, one colour per dyno as Heroku does, so
 * interleaved dynos can be told apart on a terminal. Lines of any other shape pass unchanged.
 */
final class LogColours {

    private static final Pattern LINE = Pattern.compile("^(\\S+ )([a-z]+\\[[^\\]]+\\]:)(.*)$", Pattern.DOTALL);
    private static final String[] PALETTE = {"\u001b[36m", "\u001b[32m", "\u001b[33m", "\u001b[35m", "\u001b[34m", "\u001b[96m", "\u001b[92m"};
    private static final String RESET = "\u001b[0m";
    private static final String DIM = "\u001b[2m";

    private LogColours() {
    }

    static String colour(String line) {
        Matcher match = LINE.matcher(line);
        if (!match.matches()) {
            return line;
        }
        String source = match.group(2);
        String colour = source.startsWith("heroku[") || source.startsWith("jp[") || source.startsWith("api[")
                ? "\u001b[31m" : PALETTE[Math.floorMod(source.hashCode(), PALETTE.length)];
        return DIM + match.group(1) + RESET + colour + source + RESET + match.group(3);
    }
}
