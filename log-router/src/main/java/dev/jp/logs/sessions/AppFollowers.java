package dev.jp.logs.sessions;

import dev.jp.logs.KafkaClients;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.HashMap;
import java.util.Map;

/** At most one {@link AppFollower} per app on this node, alive while the app has tails. */
@ApplicationScoped
public class AppFollowers {

    private final KafkaClients kafka;
    private final Map<String, AppFollower> followers = new HashMap<>();

    public AppFollowers(KafkaClients kafka) {
        this.kafka = kafka;
    }

    /** Adds the tail to its app's follower and answers the offset of the first line it will get. */
    synchronized long subscribe(String app, TailBuffer tail) {
        AppFollower follower = followers.get(app);
        if (follower == null || follower.isStopped()) {
            follower = new AppFollower(app, kafka);
            followers.put(app, follower);
        }
        return follower.add(tail);
    }

    synchronized void unsubscribe(String app, TailBuffer tail) {
        AppFollower follower = followers.get(app);
        if (follower != null && follower.remove(tail)) {
            follower.stop();
            followers.remove(app);
        }
    }

    /** Ends the tails of a destroyed app, before its topic goes. */
    public synchronized void forget(String app) {
        AppFollower follower = followers.remove(app);
        if (follower != null) {
            follower.end();
        }
    }

    /** How many apps have a follower on this node: one consumer each, however many tails. */
    public synchronized int size() {
        return followers.size();
    }

    void stop(@Observes ShutdownEvent ignored) {
        synchronized (this) {
            followers.values().forEach(AppFollower::stop);
            followers.clear();
        }
    }
}
