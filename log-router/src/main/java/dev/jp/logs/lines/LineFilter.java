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
        if (source != null && !source.equals(line.source())) {
            return false;
        }
        if (dyno == null || dyno.equals(line.dyno())) {
            return true;
        }
        String d = line.dyno();
        return d.length() > dyno.length() && d.startsWith(dyno) && d.charAt(dyno.length()) == '.';
    }
}
