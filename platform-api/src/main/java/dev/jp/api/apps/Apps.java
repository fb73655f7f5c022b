package dev.jp.api.apps;

import dev.jp.api.accounts.Account;
import dev.jp.api.eventlog.EventLog;
import dev.jp.api.eventlog.Outcome;
import dev.jp.api.http.ApiException;
import dev.jp.api.http.IdempotentRequest;
import dev.jp.events.PlatformEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.function.Function;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Apps as their owners see them, and the one write path every command takes: load the app's
 * projected state, decide an event from it (pure), append it, and answer with the state after
 * the projector applied it. Another account's app is "not found", so names do not leak.
 */
@ApplicationScoped
public class Apps {

    private static final int RETRIES = 5;

    private final Mutiny.SessionFactory sessions;
    private final EventLog log;
    private final IdempotentRequest request;

    public Apps(Mutiny.SessionFactory sessions, EventLog log, IdempotentRequest request) {
        this.sessions = sessions;
        this.log = log;
        this.request = request;
    }

    /**
     * The app an earlier try of this keyed request already changed, when only its answer was lost;
     * null otherwise. Such a retry decides and appends nothing.
     */
    public String alreadyAppliedTo() {
        return request.alreadyApplied() ? request.appliedToApp() : null;
    }

    /** The app's state whatever its owner, or null if it never existed. */
    public Uni<AppState> find(String name) {
        return sessions.withSession(session -> session.find(AppRow.class, name))
                .map(row -> row == null ? null : StateJson.readState(row.state));
    }

    /** The account's live app, or 404. */
    public Uni<AppState> owned(String name, Account account) {
        return find(name).map(state -> {
            if (state == null || state.destroyed() || !state.ownerId().equals(account.id())) {
                throw ApiException.appNotFound();
            }
            return state;
        });
    }

    /** The account's app, live or destroyed: its history stays readable. */
    public Uni<AppState> ownedEver(String name, Account account) {
        return find(name).map(state -> {
            if (state == null || !state.ownerId().equals(account.id())) {
                throw ApiException.appNotFound();
            }
            return state;
        });
    }

    public Uni<List<AppState>> ownedBy(Account account) {
        return sessions.withSession(session -> session
                .createQuery("from AppRow where ownerId = :owner and destroyed = false order by name", AppRow.class)
                .setParameter("owner", account.id()).getResultList())
                .map(rows -> rows.stream().map(row -> StateJson.readState(row.state)).toList());
    }

    /**
     * Decides and appends one event for an app the account owns.
     *
     * @param ifMatch the app version the client read ({@code If-Match}), or null
     * @param decide  the pure decision; null means nothing to change
     */
    public Uni<AppState> write(String name, Account account, Long ifMatch, Function<AppState, PlatformEvent> decide) {
        return owned(name, account).chain(state -> {
            if (request.alreadyApplied()) {
                return Uni.createFrom().item(state);
            }
            if (ifMatch != null && ifMatch != state.version()) {
                throw ApiException.preconditionFailed("The app changed since you read it (now version "
                        + state.version() + "); read it again.");
            }
            PlatformEvent event = decide.apply(state);
            return event == null ? Uni.createFrom().item(state) : append(event).chain(() -> find(name));
        });
    }

    /**
     * As {@link #write}, for commands whose meaning does not depend on what the client saw
     * (restart, run a one-off): a conflict with a concurrent write is decided again on the new state.
     */
    public Uni<AppState> writeRetrying(String name, Account account, Function<AppState, PlatformEvent> decide) {
        return write(name, account, null, decide)
                .onFailure(e -> e instanceof ApiException api && api.status() == 409).retry().atMost(RETRIES);
    }

    /** Appends an event and maps a refusal by the projector to the API's answer. */
    public Uni<Void> append(PlatformEvent event) {
        return log.append(event).invoke(outcome -> {
            switch (outcome.kind()) {
                case APPLIED -> { }
                case CONFLICT -> throw ApiException.conflict(outcome.message());
                case NO_APP -> throw ApiException.appNotFound();
                case UNREADABLE -> throw new IllegalStateException("the projector could not read an event it was sent");
            }
        }).replaceWithVoid();
    }

    /** Decisions that append on an app that does not exist yet (create). */
    public Uni<Outcome> appendRaw(PlatformEvent event) {
        return log.append(event);
    }
}
