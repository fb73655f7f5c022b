package dev.jp.logs.apps;

import dev.jp.events.AppCreated;
import dev.jp.events.AppDestroyed;
import dev.jp.events.DrainAdded;
import dev.jp.events.DrainRemoved;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The apps this router node knows, folded from {@code platform.events}: their intake tokens and
 * drains. Every node folds the whole topic, so any node can take any app's lines and tails.
 */
@ApplicationScoped
public class AppRegistry {

    /** An app as the router needs it; a recreated app of the same name has another appId. */
    private record KnownApp(String appId, String appToken, String herokuToken, Map<String, Drain> drains) {
    }

    private final Map<String, KnownApp> apps = new ConcurrentHashMap<>();
    private final Map<String, IntakeToken> tokens = new ConcurrentHashMap<>();
    private volatile boolean ready;

    /** Called once the registry has caught up with {@code platform.events} and topics exist. */
    public void ready() {
        ready = true;
    }

    /** Whether the registry has caught up; before that, an unknown token may just not be read yet. */
    public boolean isReady() {
        return ready;
    }

    public void apply(AppCreated created) {
        KnownApp previous = apps.put(created.app(), new KnownApp(created.appId(), created.appLogToken(),
                created.herokuLogToken(), new ConcurrentHashMap<>()));
        if (previous != null) {
            forgetTokens(previous);
        }
        tokens.put(created.appLogToken(), new IntakeToken(created.app(), "app"));
        tokens.put(created.herokuLogToken(), new IntakeToken(created.app(), "heroku"));
    }

    /** Forgets the app, unless the event is about an earlier app of the same name. */
    public boolean apply(AppDestroyed destroyed) {
        KnownApp app = apps.get(destroyed.app());
        if (app == null || !app.appId().equals(destroyed.appId())) {
            return false;
        }
        apps.remove(destroyed.app());
        forgetTokens(app);
        return true;
    }

    public void apply(DrainAdded added) {
        KnownApp app = apps.get(added.app());
        if (app != null) {
            app.drains().put(added.drainId(), new Drain(added.drainId(), added.url(), added.token()));
        }
    }

    public void apply(DrainRemoved removed) {
        KnownApp app = apps.get(removed.app());
        if (app != null) {
            app.drains().remove(removed.drainId());
        }
    }

    /** What the token may post, if it is an intake token of a live app. */
    public Optional<IntakeToken> token(String token) {
        return Optional.ofNullable(tokens.get(token));
    }

    public boolean knows(String app) {
        return apps.containsKey(app);
    }

    public List<String> apps() {
        return List.copyOf(apps.keySet());
    }

    public List<Drain> drains(String app) {
        KnownApp known = apps.get(app);
        return known == null ? List.of() : List.copyOf(known.drains().values());
    }

    private void forgetTokens(KnownApp app) {
        tokens.remove(app.appToken());
        tokens.remove(app.herokuToken());
    }
}
