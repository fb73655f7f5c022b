package dev.jp.api.audit;

import dev.jp.api.http.ApiException;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import org.hibernate.reactive.mutiny.Mutiny;

/** An app's applied events in log order, as the projection indexes them; what audit and state-at read. */
@ApplicationScoped
public class AppHistory {

    private final Mutiny.SessionFactory sessions;

    public AppHistory(Mutiny.SessionFactory sessions) {
        this.sessions = sessions;
    }

    /** The app's events up to a moment (all, when null), oldest first. */
    Uni<List<EventRow>> until(String app, Instant until) {
        return sessions.withSession(session -> session
                .createQuery("from EventRow where appName = :app and (:until is null or occurredAt <= :until) order by offset",
                        EventRow.class)
                .setParameter("app", app).setParameter("until", until).getResultList());
    }

    /** An ISO-8601 time from a query parameter, or null when absent; 422 when malformed. */
    static Instant time(String text, String name) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            try {
                return OffsetDateTime.parse(text.trim()).toInstant();
            } catch (DateTimeParseException again) {
                throw ApiException.invalid(name + " must be an ISO-8601 time such as 2026-11-21T10:00:00Z.");
            }
        }
    }
}
