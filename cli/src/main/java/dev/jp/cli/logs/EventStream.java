package dev.jp.cli.logs;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.function.BiConsumer;

/**
 * A server-sent-events client on HttpURLConnection: {@code id:} and {@code data:} lines make an
 * event, a blank line ends it, {@code :} lines are heartbeats. Resumes after {@code Last-Event-ID}.
 */
final class EventStream {

    /** Long enough to outlast the router's heartbeats; a silent connection is a dead one. */
    private static final int READ_TIMEOUT_MS = 45_000;

    private EventStream() {
    }

    /** Whether the stream could be opened at all; errors before the first byte are the caller's to report. */
    static final class Rejected extends IOException {
        final int status;

        Rejected(int status, String body) {
            super("the log router answered " + status + (body.isBlank() ? "" : ": " + body.strip()));
            this.status = status;
        }
    }

    /**
     * Reads events until the server closes the stream; each event's data (lines joined by newline)
     * goes to {@code onEvent} with its id (or null). Throws on a dropped connection.
     */
    static void read(String url, String lastEventId, BiConsumer<String, String> onEvent) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) URI.create(url).toURL().openConnection();
        connection.setConnectTimeout(5_000);
        connection.setReadTimeout(READ_TIMEOUT_MS);
        connection.setRequestProperty("Accept", "text/event-stream");
        if (lastEventId != null) {
            connection.setRequestProperty("Last-Event-ID", lastEventId);
        }
        try {
            int status = connection.getResponseCode();
            if (status != 200) {
                var error = connection.getErrorStream();
                throw new Rejected(status, error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8));
            }
            try (BufferedReader reader = new BufferedReader(new InputStreamReader(connection.getInputStream(), StandardCharsets.UTF_8))) {
                String id = null;
                StringBuilder data = null;
                String line;
                while ((line = reader.readLine()) != null) {
                    if (line.isEmpty()) {
                        if (data != null) {
                            onEvent.accept(id, data.toString());
                        }
                        data = null;
                    } else if (line.startsWith(":")) {
                        continue;
                    } else if (line.startsWith("id:")) {
                        id = value(line, 3);
                    } else if (line.startsWith("data:")) {
                        data = data == null ? new StringBuilder(value(line, 5)) : data.append('\n').append(value(line, 5));
                    }
                }
                if (data != null) {
                    onEvent.accept(id, data.toString());
                }
            }
        } finally {
            connection.disconnect();
        }
    }

    private static String value(String line, int from) {
        String value = line.substring(from);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
