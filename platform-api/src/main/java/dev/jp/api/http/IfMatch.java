package dev.jp.api.http;

/**
 * {@code If-Match} on app-scoped writes: the ETag a client read (the app's version), so a write
 * decided on a stale read answers 412 instead of overwriting.
 */
public final class IfMatch {

    private IfMatch() {
    }

    /** The version named by the header, or null when absent or {@code *}. */
    public static Long version(String header) {
        if (header == null || header.isBlank() || header.trim().equals("*")) {
            return null;
        }
        String value = header.trim().replace("W/", "").replace("\"", "");
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw ApiException.preconditionFailed("If-Match must be an ETag this API gave out, such as \"7\".");
        }
    }
}
