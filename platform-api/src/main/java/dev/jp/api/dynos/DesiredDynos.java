package dev.jp.api.dynos;

import dev.jp.api.apps.AppState;
import dev.jp.events.DesiredDyno;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The dynos an app should be running, slot by slot, derived from its state alone: the formation
 * expanded per slot (web.1 .. web.N) on the current release, plus the one-offs. Deterministic, so
 * replaying the log derives the same records.
 */
public final class DesiredDynos {

    private DesiredDynos() {
    }

    /** Where runners fetch a slug, and its checksum. */
    public record Slug(String id, String checksum, String url) {
    }

    /** The {@code attach_url} of an app's (by id) attached dyno. */
    public interface AttachUrls {
        String of(String appId, String dyno, java.time.Instant requestedAt);
    }

    public static Map<String, DesiredDyno> of(AppState app, Slug slug, AttachUrls attachUrls) {
        Map<String, DesiredDyno> desired = new LinkedHashMap<>();
        if (app == null || app.destroyed() || app.release() == null || slug == null) {
            return desired;
        }
        int release = app.release().version();
        for (AppState.Formation formation : app.formation().values()) {
            for (int i = 1; i <= formation.quantity(); i++) {
                String slot = formation.type() + "." + i;
                desired.put(slot, new DesiredDyno(app.name(), slot, formation.type(), release, formation.command(),
                        env(app, slot, release, Map.of()), formation.size(), app.restartNonces().getOrDefault(slot, 0L),
                        slug.id(), slug.checksum(), slug.url(), false, false, app.appLogToken(), app.herokuLogToken()));
            }
        }
        for (AppState.OneOff oneOff : app.oneOffs().values()) {
            int oneOffRelease = oneOff.releaseVersion() > 0 ? oneOff.releaseVersion() : release;
            desired.put(oneOff.name(), new DesiredDyno(app.name(), oneOff.name(), "run", oneOffRelease, oneOff.command(),
                    env(app, oneOff.name(), oneOffRelease, oneOff.env()), oneOff.size(), 0L,
                    slug.id(), slug.checksum(), slug.url(), true, oneOff.attach(), app.appLogToken(), app.herokuLogToken(),
                    oneOff.attach() ? attachUrls.of(app.id(), oneOff.name(), oneOff.createdAt()) : null, oneOff.timeToLive(),
                    oneOff.attach() && oneOff.forceNoTty()));
        }
        return desired;
    }

    private static Map<String, String> env(AppState app, String slot, int release, Map<String, String> extra) {
        Map<String, String> env = new LinkedHashMap<>(app.config());
        env.putAll(extra);
        env.put("DYNO", slot);
        env.put("JP_APP", app.name());
        env.put("JP_RELEASE_VERSION", Integer.toString(release));
        return env;
    }
}
