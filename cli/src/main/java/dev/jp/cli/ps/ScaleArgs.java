package dev.jp.cli.ps;

import dev.jp.cli.CliException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ps:scale}'s arguments as Heroku takes them: {@code web=2}, {@code worker+1},
 * {@code web-1}, {@code web=3:Standard-2X}, {@code web:Performance-M}. A type named twice keeps
 * its last quantity and size.
 */
public final class ScaleArgs {

    private static final Pattern ARG = Pattern.compile("([a-zA-Z0-9_-]+?)(?:(=\\d+|[+-]\\d+))?(?::([a-zA-Z0-9-]+))?");

    /** One formation update: the quantity as the API takes it ("2", "+1", "-1"), or null to leave it; the size or null. */
    public record Update(String type, String quantity, String size) {
        public Map<String, Object> toJson() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type);
            if (quantity != null) {
                json.put("quantity", quantity);
            }
            if (size != null) {
                json.put("size", size);
            }
            return json;
        }
    }

    private ScaleArgs() {
    }

    public static List<Update> parse(List<String> args) {
        Map<String, Update> updates = new LinkedHashMap<>();
        for (String arg : args) {
            Matcher match = ARG.matcher(arg.trim());
            if (!match.matches() || (match.group(2) == null && match.group(3) == null)) {
                throw CliException.usage("Cannot read '" + arg + "'; give TYPE=N, TYPE+N, TYPE-N, optionally :SIZE (web=2 worker+1 web=3:Standard-2X)");
            }
            String quantity = match.group(2) == null ? null
                    : match.group(2).startsWith("=") ? match.group(2).substring(1) : match.group(2);
            String type = match.group(1);
            Update previous = updates.remove(type);
            String size = match.group(3) != null ? match.group(3) : previous == null ? null : previous.size();
            updates.put(type, new Update(type, quantity != null ? quantity : previous == null ? null : previous.quantity(), size));
        }
        return new ArrayList<>(updates.values());
    }
}
