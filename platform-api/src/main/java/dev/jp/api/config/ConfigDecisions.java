package dev.jp.api.config;

import dev.jp.api.apps.AppState;
import dev.jp.api.http.ApiException;
import dev.jp.api.releases.ReleaseDecisions;
import dev.jp.events.ConfigVarsChanged;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;

/** The pure decision of a config change: what is set, what is removed, and the release it makes. */
public final class ConfigDecisions {

    private static final Pattern KEY = Pattern.compile("^\\w+$");
    /** Heroku caps all config at 32 kB; one value may not exceed it either. */
    static final int MAX_TOTAL_BYTES = 32 * 1024;

    private ConfigDecisions() {
    }

    /**
     * @param patch key → new value, or null to remove the key
     * @return the event, or empty when the patch changes nothing
     */
    public static Optional<ConfigVarsChanged> change(AppState app, Map<String, String> patch, String by, Instant now) {
        Map<String, String> set = new TreeMap<>();
        List<String> unset = new ArrayList<>();
        patch.forEach((key, value) -> {
            if (!KEY.matcher(key).matches()) {
                throw ApiException.invalid("Invalid config var name: " + key + " (only letters, digits and _)");
            }
            if (value == null) {
                if (app.config().containsKey(key)) {
                    unset.add(key);
                }
            } else if (!value.equals(app.config().get(key))) {
                set.put(key, value);
            }
        });
        if (set.isEmpty() && unset.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> result = new TreeMap<>(app.config());
        unset.forEach(result::remove);
        result.putAll(set);
        int size = result.entrySet().stream().mapToInt(e -> e.getKey().length() + e.getValue().length()).sum();
        if (size > MAX_TOTAL_BYTES) {
            throw ApiException.invalid("Config vars may hold at most " + MAX_TOTAL_BYTES / 1024 + " kB in all.");
        }
        unset.sort(null);
        return Optional.of(new ConfigVarsChanged(app.name(), by, now, app.version(), set, unset,
                UUID.randomUUID().toString(), ReleaseDecisions.nextVersion(app)));
    }
}
