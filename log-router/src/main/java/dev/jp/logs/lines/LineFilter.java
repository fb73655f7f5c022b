package dev.jp.logs.lines;

/**
 * Which lines a session wants, as {@code jp logs -p DYNO -s SOURCE} asks.
 *
 * @param dyno   a dyno name ({@code web.1}) or a process type ({@code web}, matching {@code web.1},
 *               {@code web.2}, never {@code webhook.1}); null for all
 * @param source {@code app} or {@code heroku}; null for both
 */
public record LineFilter(String dyno, String source) {

    public static final LineFilter ALL = new LineFilter(null, null);

    public boolean matches(LogLine line) {
        return matches(line.source(), line.dyno());
    }

    /** Whether a line of this source and dyno is wanted. */
    public boolean matches(String lineSource, String lineDyno) {
        if (source != null && !source.equals(lineSource)) {
            return false;
        }
        if (dyno == null || dyno.equals(lineDyno)) {
            return true;
        }
        return lineDyno.length() > dyno.length() && lineDyno.startsWith(dyno) && lineDyno.charAt(dyno.length()) == '.';
    }
}
