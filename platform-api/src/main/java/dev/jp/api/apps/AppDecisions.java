package dev.jp.api.apps;

import dev.jp.api.http.ApiException;
import dev.jp.events.AppCreated;
import dev.jp.events.AppDestroyed;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/** Pure decisions about an app's life: create, destroy. */
public final class AppDecisions {

    /** Heroku's rule for app names, which also keeps them valid in Kafka topic names. */
    public static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,28}[a-z0-9]$");

    private AppDecisions() {
    }

    public static AppCreated create(AppState existing, String name, String ownerId, String ownerEmail, Instant now) {
        if (!NAME.matcher(name).matches()) {
            throw ApiException.invalid("Name must start with a letter, end with a letter or digit, contain only lowercase "
                    + "letters, digits and dashes, and be 3 to 30 characters long.");
        }
        if (existing != null && !existing.destroyed()) {
            throw ApiException.invalid("Name is already taken");
        }
        return new AppCreated(name, ownerEmail, now, existing == null ? 0L : existing.version(),
                UUID.randomUUID().toString(), ownerId, ownerEmail, "local", "jp-22",
                "t." + UUID.randomUUID(), "t." + UUID.randomUUID());
    }

    public static AppDestroyed destroy(AppState app, String by, Instant now) {
        return new AppDestroyed(app.name(), by, now, app.version(), app.id());
    }
}
