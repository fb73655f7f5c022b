package dev.jp.api.eventlog;

/**
 * What the projector made of one appended event: applied, or refused because the app had moved on
 * (another write won) or does not exist. The API answers 409 or 404 for a refusal.
 */
public record Outcome(Kind kind, String message) {

    public enum Kind { APPLIED, CONFLICT, NO_APP, UNREADABLE }

    public static final Outcome APPLIED = new Outcome(Kind.APPLIED, null);

    public static Outcome conflict(String message) {
        return new Outcome(Kind.CONFLICT, message);
    }

    public static Outcome noApp() {
        return new Outcome(Kind.NO_APP, "Couldn't find that app.");
    }

    public boolean applied() {
        return kind == Kind.APPLIED;
    }
}
