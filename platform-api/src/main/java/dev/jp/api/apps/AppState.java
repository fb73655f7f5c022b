package dev.jp.api.apps;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.jp.events.AppCreated;
import dev.jp.events.AppDestroyed;
import dev.jp.events.ConfigVarsChanged;
import dev.jp.events.DrainAdded;
import dev.jp.events.DrainRemoved;
import dev.jp.events.DynoRestartRequested;
import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.DynoStopRequested;
import dev.jp.events.FormationScaled;
import dev.jp.events.OneOffDynoRequested;
import dev.jp.events.PlatformEvent;
import dev.jp.events.ReleaseCreated;
import dev.jp.events.SlugCreated;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything the platform decides an app's next event on, folded from the app's events by
 * {@link #evolve}: pure, so the same fold serves the projector, {@code /state?at=} and tests.
 *
 * @param name           the app's name (the events' key)
 * @param id             its UUID
 * @param ownerId        the owning account
 * @param ownerEmail     the owner's email
 * @param region         its region
 * @param stack          its stack
 * @param version        bumped by every decision applied; a decision made on another version conflicts
 * @param createdAt      when it was created
 * @param updatedAt      the time of the last event applied
 * @param releasedAt     the time of the last release, or null
 * @param destroyed      true once destroyed: the history stays, the app is gone
 * @param appLogToken    log intake token for the app's own lines
 * @param herokuLogToken log intake token for the platform's lines about the app
 * @param release        the current release, or null before the first
 * @param config         the current config vars
 * @param formation      process type → quantity and size, in the release's order
 * @param oneOffs        running one-off dynos by name ({@code run.N})
 * @param lastOneOff     the N of the last {@code run.N} handed out
 * @param restartNonces  per dyno slot, bumped by every restart request that covers it
 * @param restarts       how many restart requests were applied (the next nonce)
 * @param drains         log drains by id
 */
public record AppState(String name, String id, String ownerId, String ownerEmail, String region, String stack,
                       long version, Instant createdAt, Instant updatedAt, Instant releasedAt, boolean destroyed,
                       String appLogToken, String herokuLogToken,
                       Release release, Map<String, String> config, Map<String, Formation> formation,
                       Map<String, OneOff> oneOffs, int lastOneOff, Map<String, Long> restartNonces, long restarts,
                       Map<String, Drain> drains) {

    /** A release as the app's state needs it (the full history lives in the releases table); no slug before the first deploy. */
    public record Release(String id, int version, String slugId, Map<String, String> processTypes, String description) {
    }

    /** One process type of the formation. */
    public record Formation(String type, String command, int quantity, String size, Instant createdAt, Instant updatedAt) {
    }

    /**
     * A one-off dyno the platform was asked to run; {@code timeToLive} in seconds, null for none;
     * {@code forceNoTty}: an attached one-off on plain pipes, not a pseudo-terminal (false in states
     * stored before it existed).
     */
    public record OneOff(String name, String command, Map<String, String> env, String size, boolean attach,
                         int releaseVersion, Instant createdAt, Integer timeToLive, boolean forceNoTty) {
    }

    /** A log drain. */
    public record Drain(String id, String url, String token, Instant createdAt) {
    }

    public static final String DEFAULT_SIZE = "Standard-1X";

    /** Applies one event; {@code state} is null before {@link AppCreated}. Never mutates its input. */
    public static AppState evolve(AppState state, PlatformEvent event) {
        return switch (event.type()) {
            case APP_CREATED -> created((AppCreated) event);
            case APP_DESTROYED -> state.decided(event).withDestroyed();
            case SLUG_CREATED -> state; // a fact about an upload; the slugs table keeps it
            case RELEASE_CREATED -> state.decided(event).released((ReleaseCreated) event);
            case CONFIG_VARS_CHANGED -> state.decided(event).configChanged((ConfigVarsChanged) event);
            case FORMATION_SCALED -> state.decided(event).scaled((FormationScaled) event);
            case DYNO_RESTART_REQUESTED -> state.decided(event).restarted(((DynoRestartRequested) event).dyno(),
                    ((DynoRestartRequested) event).processType());
            case DYNO_STOP_REQUESTED -> state.decided(event).stopped((DynoStopRequested) event);
            case ONE_OFF_DYNO_REQUESTED -> state.decided(event).oneOffRequested((OneOffDynoRequested) event);
            case DYNO_STATE_CHANGED -> state.dynoChanged((DynoStateChanged) event);
            case DRAIN_ADDED -> state.decided(event).drainAdded((DrainAdded) event);
            case DRAIN_REMOVED -> state.decided(event).drainRemoved((DrainRemoved) event);
        };
    }

    private static AppState created(AppCreated e) {
        return new AppState(e.app(), e.appId(), e.ownerId(), e.ownerEmail(), e.region(), e.stack(),
                1, e.occurredAt(), e.occurredAt(), null, false, e.appLogToken(), e.herokuLogToken(),
                null, Map.of(), Map.of(), Map.of(), 0, Map.of(), 0, Map.of());
    }

    /** A decision was applied: the version moves on. */
    private AppState decided(PlatformEvent event) {
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version + 1, createdAt, event.occurredAt(),
                releasedAt, destroyed, appLogToken, herokuLogToken, release, config, formation, oneOffs, lastOneOff,
                restartNonces, restarts, drains);
    }

    private AppState withDestroyed() {
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version, createdAt, updatedAt, releasedAt,
                true, appLogToken, herokuLogToken, release, config, Map.of(), Map.of(), lastOneOff, restartNonces,
                restarts, drains);
    }

    private AppState released(ReleaseCreated e) {
        Release next = new Release(e.releaseId(), e.version(), e.slugId(), e.processTypes(), e.description());
        Map<String, Formation> nextFormation = new LinkedHashMap<>();
        boolean firstWithWeb = release == null || !release.processTypes().containsKey("web");
        e.processTypes().forEach((type, command) -> {
            Formation current = formation.get(type);
            if (current != null) {
                nextFormation.put(type, new Formation(type, command, current.quantity(), current.size(),
                        current.createdAt(), e.occurredAt()));
            } else {
                // As on Heroku: the first release that declares web runs one web dyno; other types start at 0.
                int quantity = "web".equals(type) && firstWithWeb ? 1 : 0;
                nextFormation.put(type, new Formation(type, command, quantity, DEFAULT_SIZE, e.occurredAt(), e.occurredAt()));
            }
        });
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version, createdAt, updatedAt,
                e.occurredAt(), destroyed, appLogToken, herokuLogToken, next, e.config(),
                Collections.unmodifiableMap(nextFormation), oneOffs, lastOneOff, restartNonces, restarts, drains);
    }

    private AppState configChanged(ConfigVarsChanged e) {
        Map<String, String> nextConfig = new TreeMap<>(config);
        e.unset().forEach(nextConfig::remove);
        nextConfig.putAll(e.set());
        // Before the first deploy a config change still makes a release, without a slug, as on Heroku.
        Release next = new Release(e.releaseId(), e.releaseVersion(), release == null ? null : release.slugId(),
                release == null ? Map.of() : release.processTypes(), e.description());
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version, createdAt, updatedAt,
                e.occurredAt(), destroyed, appLogToken, herokuLogToken, next, Collections.unmodifiableMap(nextConfig),
                formation, oneOffs, lastOneOff, restartNonces, restarts, drains);
    }

    private AppState scaled(FormationScaled e) {
        Map<String, Formation> next = new LinkedHashMap<>(formation);
        for (FormationScaled.Change change : e.changes()) {
            Formation current = next.get(change.type());
            if (current != null) {
                next.put(change.type(), new Formation(change.type(), current.command(), change.quantity(), change.size(),
                        current.createdAt(), e.occurredAt()));
            }
        }
        return withFormation(Collections.unmodifiableMap(next));
    }

    /** Bumps the restart nonce of every slot the request covers: all, one type, or one dyno. */
    private AppState restarted(String dyno, String processType) {
        long nonce = restarts + 1;
        Map<String, Long> nonces = new TreeMap<>(restartNonces);
        for (String slot : formationSlots()) {
            if (covers(slot, dyno, processType)) {
                nonces.put(slot, nonce);
            }
        }
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version, createdAt, updatedAt, releasedAt,
                destroyed, appLogToken, herokuLogToken, release, config, formation, oneOffs, lastOneOff,
                Collections.unmodifiableMap(nonces), nonce, drains);
    }

    /** Stopped one-offs are gone; stopped formation dynos are started again by the platform, as on Heroku. */
    private AppState stopped(DynoStopRequested e) {
        Map<String, OneOff> remaining = new TreeMap<>(oneOffs);
        remaining.keySet().removeIf(slot -> covers(slot, e.dyno(), e.processType()));
        AppState withoutOneOffs = withOneOffs(Collections.unmodifiableMap(remaining), lastOneOff);
        boolean coversFormation = e.processType() == null || !"run".equals(e.processType());
        return coversFormation ? withoutOneOffs.restarted(e.dyno(), e.processType()) : withoutOneOffs;
    }

    private AppState oneOffRequested(OneOffDynoRequested e) {
        Map<String, OneOff> next = new TreeMap<>(oneOffs);
        next.put(e.dyno(), new OneOff(e.dyno(), e.command(), e.env(), e.size(), e.attach(),
                release == null ? 0 : release.version(), e.occurredAt(), e.timeToLive(), e.forceNoTty()));
        int number = Integer.parseInt(e.dyno().substring(e.dyno().indexOf('.') + 1));
        return withOneOffs(Collections.unmodifiableMap(next), Math.max(lastOneOff, number));
    }

    /** A runner's fact: a one-off that exited is gone; nothing else in the state changes. */
    private AppState dynoChanged(DynoStateChanged e) {
        boolean finished = e.state() == DynoState.DOWN || e.state() == DynoState.CRASHED;
        if (!finished || !oneOffs.containsKey(e.dyno())) {
            return this;
        }
        Map<String, OneOff> next = new TreeMap<>(oneOffs);
        next.remove(e.dyno());
        return withOneOffs(Collections.unmodifiableMap(next), lastOneOff);
    }

    private AppState drainAdded(DrainAdded e) {
        Map<String, Drain> next = new LinkedHashMap<>(drains);
        next.put(e.drainId(), new Drain(e.drainId(), e.url(), e.token(), e.occurredAt()));
        return withDrains(Collections.unmodifiableMap(next));
    }

    private AppState drainRemoved(DrainRemoved e) {
        Map<String, Drain> next = new LinkedHashMap<>(drains);
        next.remove(e.drainId());
        return withDrains(Collections.unmodifiableMap(next));
    }

    private AppState withFormation(Map<String, Formation> next) {
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version, createdAt, updatedAt, releasedAt,
                destroyed, appLogToken, herokuLogToken, release, config, next, oneOffs, lastOneOff, restartNonces,
                restarts, drains);
    }

    private AppState withOneOffs(Map<String, OneOff> next, int last) {
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version, createdAt, updatedAt, releasedAt,
                destroyed, appLogToken, herokuLogToken, release, config, formation, next, last, restartNonces,
                restarts, drains);
    }

    private AppState withDrains(Map<String, Drain> next) {
        return new AppState(name, id, ownerId, ownerEmail, region, stack, version, createdAt, updatedAt, releasedAt,
                destroyed, appLogToken, herokuLogToken, release, config, formation, oneOffs, lastOneOff, restartNonces,
                restarts, next);
    }

    /** The formation's slots, {@code web.1 .. web.N} per type, in the formation's order. */
    @JsonIgnore
    public java.util.List<String> formationSlots() {
        java.util.List<String> slots = new java.util.ArrayList<>();
        formation.values().forEach(f -> {
            for (int i = 1; i <= f.quantity(); i++) {
                slots.add(f.type() + "." + i);
            }
        });
        return slots;
    }

    /** Whether a request naming {@code dyno} or {@code processType} (or neither: all) covers {@code slot}. */
    public static boolean covers(String slot, String dyno, String processType) {
        if (dyno != null) {
            return slot.equals(dyno);
        }
        return processType == null || slot.startsWith(processType + ".");
    }

    /** The total of dynos the formation asks for. */
    @JsonIgnore
    public int formationTotal() {
        return formation.values().stream().mapToInt(Formation::quantity).sum();
    }
}
