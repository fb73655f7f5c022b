package dev.jp.events.logplex;

import java.nio.charset.StandardCharsets;

/**
 * A parsed frame whose fields are still positions in the bytes it was read from: what
 * {@link LogplexParser} finds before it makes a {@link LogplexFrame} of it. A reader that passes
 * lines on as bytes (log-router's intake) takes the fields from here and never decodes the message.
 *
 * <p>Each header field ends one byte (a space) before the next begins; MSG is
 * {@code [messageStart, messageEnd)}, already without a leading byte-order mark and one trailing
 * {@code \n}, and not yet checked as UTF-8 ({@link #message()} replaces what is not).
 *
 * @param bytes the bytes the frame lies in (not copied: valid while the caller keeps them unchanged)
 */
public record RawFrame(byte[] bytes, int priority, int timestampStart, int hostStart, int appNameStart,
                       int procIdStart, int msgIdStart, int msgIdEnd, int messageStart, int messageEnd) {

    public String timestamp() {
        return ascii(timestampStart, hostStart - 1);
    }

    public String host() {
        return ascii(hostStart, appNameStart - 1);
    }

    public String appName() {
        return ascii(appNameStart, procIdStart - 1);
    }

    public String procId() {
        return ascii(procIdStart, msgIdStart - 1);
    }

    public String msgId() {
        return ascii(msgIdStart, msgIdEnd);
    }

    /** The message, with bytes that are not UTF-8 replaced by U+FFFD. */
    public String message() {
        return new String(bytes, messageStart, messageEnd - messageStart, StandardCharsets.UTF_8);
    }

    /** Whether APP-NAME is {@code name} (printable ASCII), without making a string of it. */
    public boolean appNameIs(String name) {
        return asciiEquals(appNameStart, procIdStart - 1, name);
    }

    /** Whether PROCID is {@code name} (printable ASCII), without making a string of it. */
    public boolean procIdIs(String name) {
        return asciiEquals(procIdStart, msgIdStart - 1, name);
    }

    /** Whether MSG is plain ASCII, so its bytes are already what {@link #message()} would encode back. */
    public boolean messageIsAscii() {
        for (int i = messageStart; i < messageEnd; i++) {
            if (bytes[i] < 0) {
                return false;
            }
        }
        return true;
    }

    public LogplexFrame toFrame() {
        return new LogplexFrame(priority, timestamp(), host(), appName(), procId(), msgId(), message());
    }

    private String ascii(int start, int end) {
        return new String(bytes, start, end - start, StandardCharsets.US_ASCII);
    }

    private boolean asciiEquals(int start, int end, String text) {
        if (end - start != text.length()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (bytes[start + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
