package dev.jp.cli.deploy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code .slugignore} rules, as Heroku reads them: one pattern per line, {@code #} comments;
 * a pattern with a slash is anchored at the app's root, one without matches a name at any depth;
 * {@code *} and {@code ?} stay within a name, {@code **} crosses directories; a matched directory
 * takes its contents with it. {@code .git} and jp's {@code .jp} are never packed.
 */
public final class SlugIgnore {

    private final List<Pattern> patterns;

    private SlugIgnore(List<Pattern> patterns) {
        this.patterns = patterns;
    }

    public static SlugIgnore parse(String text) {
        List<Pattern> patterns = new ArrayList<>();
        patterns.add(Pattern.compile("(.*/)?\\.git"));
        patterns.add(Pattern.compile("\\.jp")); // jp's own note of the app, not part of it
        for (String raw : text.split("\\R")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            while (line.endsWith("/") && line.length() > 1) {
                line = line.substring(0, line.length() - 1);
            }
            boolean anchored = line.contains("/");
            if (line.startsWith("/")) {
                line = line.substring(1);
            }
            patterns.add(Pattern.compile((anchored ? "" : "(.*/)?") + glob(line)));
        }
        return new SlugIgnore(patterns);
    }

    /** Whether a path relative to the app's root (with {@code /} separators) is left out, itself or through a parent. */
    public boolean ignores(String path) {
        String candidate = path;
        while (true) {
            for (Pattern pattern : patterns) {
                if (pattern.matcher(candidate).matches()) {
                    return true;
                }
            }
            int slash = candidate.lastIndexOf('/');
            if (slash < 0) {
                return false;
            }
            candidate = candidate.substring(0, slash);
        }
    }

    private static String glob(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < glob.length(); i++) {
            char c = glob.charAt(i);
            if (c == '*' && i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
                regex.append(".*");
                i++;
                if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
                    regex.append("/?");
                    i++;
                }
            } else if (c == '*') {
                regex.append("[^/]*");
            } else if (c == '?') {
                regex.append("[^/]");
            } else {
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return regex.toString();
    }
}
