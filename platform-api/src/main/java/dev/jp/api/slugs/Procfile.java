package dev.jp.api.slugs;

import dev.jp.api.http.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Procfile: one {@code type: command} per line, in order. Blank lines and {@code #}
 * comments are skipped; CRLF and a UTF-8 BOM are fine; a duplicate or malformed type is an error,
 * named with its line, because a silently dropped process type is worse than a refused deploy.
 */
public final class Procfile {

    private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+)\\s*:\\s*(.*)$");
    private static final int MAX_TYPE_LENGTH = 30;
    private static final int MAX_COMMAND_LENGTH = 4096;

    private Procfile() {
    }

    public static Map<String, String> parse(String text) {
        String content = text.startsWith("\uFEFF") ? text.substring(1) : text;
        if (content.indexOf('\0') >= 0) {
            throw ApiException.invalid("The Procfile is not text.");
        }
        Map<String, String> types = new LinkedHashMap<>();
        String[] lines = content.split("\r?\n|\r", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Matcher match = LINE.matcher(line);
            if (!match.matches()) {
                throw ApiException.invalid("Procfile line " + (i + 1) + " is not 'type: command'.");
            }
            String type = match.group(1);
            String command = match.group(2).strip();
            checkType(type, "Procfile line " + (i + 1));
            if (command.isEmpty()) {
                throw ApiException.invalid("Procfile line " + (i + 1) + " declares " + type + " without a command.");
            }
            if (command.length() > MAX_COMMAND_LENGTH) {
                throw ApiException.invalid("Procfile line " + (i + 1) + " has a command longer than " + MAX_COMMAND_LENGTH + " characters.");
            }
            if (types.putIfAbsent(type, command) != null) {
                throw ApiException.invalid("Procfile line " + (i + 1) + " declares " + type + " a second time.");
            }
        }
        if (types.isEmpty()) {
            throw ApiException.invalid("The Procfile declares no process types.");
        }
        return types;
    }

    /** Process types given directly ({@code process_types}) follow the same rules. */
    public static Map<String, String> check(Map<String, String> types) {
        if (types.isEmpty()) {
            throw ApiException.invalid("process_types declares no process types.");
        }
        types.forEach((type, command) -> {
            checkType(type, "process_types");
            if (command == null || command.isBlank()) {
                throw ApiException.invalid("process_types declares " + type + " without a command.");
            }
        });
        return types;
    }

    private static void checkType(String type, String where) {
        if (!type.matches("[a-z][a-z0-9_-]*") || type.length() > MAX_TYPE_LENGTH) {
            throw ApiException.invalid(where + ": process type '" + type
                    + "' must be lower-case letters, digits, - and _, starting with a letter, at most " + MAX_TYPE_LENGTH + " long.");
        }
        if ("run".equals(type)) {
            throw ApiException.invalid(where + ": 'run' is reserved for one-off dynos.");
        }
    }
}
