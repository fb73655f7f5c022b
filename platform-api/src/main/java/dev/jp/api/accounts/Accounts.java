package dev.jp.api.accounts;

import dev.jp.api.ApiConfig;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.hibernate.reactive.mutiny.Mutiny;
import org.jboss.logging.Logger;

/** Accounts by token: the default account made at start, and a cache in front of the table. */
@ApplicationScoped
public class Accounts {

    private static final Logger LOG = Logger.getLogger(Accounts.class);

    private final Mutiny.SessionFactory sessions;
    private final ApiConfig config;
    private final Map<String, Account> byTokenHash = new ConcurrentHashMap<>();

    public Accounts(Mutiny.SessionFactory sessions, ApiConfig config) {
        this.sessions = sessions;
        this.config = config;
    }

    void bootstrap(@Observes StartupEvent startup) throws Throwable {
        Optional<String> token = config.bootstrapToken();
        if (token.isEmpty()) {
            return;
        }
        Account account = VertxContextSupport.subscribeAndAwait(() -> create(config.bootstrapEmail(), token.get()));
        LOG.infof("default account %s is ready", account.email());
    }

    /** Creates the account, or gives its token to the existing one with that email. */
    public Uni<Account> create(String email, String token) {
        String hash = Tokens.hash(token);
        return sessions.withTransaction(session -> session
                .createQuery("from AccountRow where email = :email", AccountRow.class)
                .setParameter("email", email).getSingleResultOrNull()
                .chain(existing -> {
                    AccountRow row = existing == null ? new AccountRow() : existing;
                    if (existing == null) {
                        // Derived from the email, not random: apps name their owner's id in platform.events, so
                        // the account must get the same id back when a dropped database is rebuilt from the log.
                        row.id = UUID.nameUUIDFromBytes(("jp account " + email).getBytes(StandardCharsets.UTF_8)).toString();
                        row.email = email;
                        row.createdAt = Instant.now();
                    }
                    row.tokenHash = hash;
                    return (existing == null ? session.persist(row) : Uni.createFrom().voidItem()).replaceWith(row);
                }))
                .map(row -> {
                    byTokenHash.values().removeIf(a -> a.id().equals(row.id));
                    Account account = new Account(row.id, row.email);
                    byTokenHash.put(hash, account);
                    return account;
                });
    }

    public Uni<Account> byToken(String token) {
        String hash = Tokens.hash(token);
        Account cached = byTokenHash.get(hash);
        if (cached != null) {
            return Uni.createFrom().item(cached);
        }
        if (!io.vertx.core.Context.isOnEventLoopThread()) {
            // The filters of a blocking route (GET /account) run on a worker thread, where Hibernate
            // Reactive refuses to run (an unknown token was a 500 there): wait for it on its own context.
            try {
                return Uni.createFrom().item(VertxContextSupport.subscribeAndAwait(() -> lookUp(hash)));
            } catch (Throwable e) {
                return Uni.createFrom().failure(e);
            }
        }
        return lookUp(hash);
    }

    private Uni<Account> lookUp(String hash) {
        return sessions.withSession(session -> session
                .createQuery("from AccountRow where tokenHash = :hash", AccountRow.class)
                .setParameter("hash", hash).getSingleResultOrNull())
                .map(row -> {
                    if (row == null) {
                        return null;
                    }
                    Account account = new Account(row.id, row.email);
                    byTokenHash.put(hash, account);
                    return account;
                });
    }
}
