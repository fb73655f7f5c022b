package dev.jp.api.eventlog;

import dev.jp.api.apps.AppRow;
import dev.jp.api.apps.AppState;
import dev.jp.api.apps.StateJson;
import dev.jp.api.audit.EventRow;
import dev.jp.api.dynos.DynoRow;
import dev.jp.api.http.IdempotencyRow;
import dev.jp.api.http.IdempotentRequest;
import dev.jp.api.releases.ReleaseRow;
import dev.jp.api.slugs.SlugRow;
import dev.jp.events.AppCreated;
import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.EventCodec;
import dev.jp.events.EventDecodingException;
import dev.jp.events.PlatformEvent;
import dev.jp.events.ReleaseCreated;
import dev.jp.events.SlugCreated;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Folds one poll's events in memory, event by event exactly as they come, over the rows the poll
 * needs (loaded beforehand by {@link ProjectionWriter}), and says afterwards which rows to insert,
 * which to remove; loaded rows it changed are changed in place. Each app's state is read from JSON
 * once and written once per poll, however many of its events the poll holds, and new rows come out
 * grouped by table, so the database sees a few statements instead of one round trip per row.
 */
final class PollFold {

    /** Where an event sits in {@code platform.events}. */
    record Position(int partition, long offset) {
    }

    /** One record of the poll, decoded (or why it could not be). */
    record Event(Position at, byte[] value, PlatformEvent event, String unreadable, IdempotentRequest.Tag tag) {

        static Event of(ConsumerRecord<String, byte[]> record) {
            Position at = new Position(record.partition(), record.offset());
            IdempotentRequest.Tag tag = IdempotentRequest.tagOf(record.headers());
            try {
                return new Event(at, record.value(), EventCodec.decode(record.value()), null, tag);
            } catch (EventDecodingException e) {
                return new Event(at, record.value(), null, e.getMessage(), tag);
            }
        }

        /** True when applying it may add or remove dyno rows of its app. */
        boolean changesDynos() {
            return event != null && switch (event.type()) {
                case DYNO_STATE_CHANGED, APP_CREATED, APP_DESTROYED -> true;
                default -> false;
            };
        }
    }

    private final Map<String, AppRow> appRows = new HashMap<>();
    /** Each app's state as folded so far; present with null for an app that has no row. */
    private final Map<String, AppState> states = new HashMap<>();
    private final Set<String> changedApps = new LinkedHashSet<>();
    private final Map<String, IdempotencyRow> markers = new HashMap<>();
    private final List<IdempotencyRow> newMarkers = new ArrayList<>();
    private final Map<DynoRow.Key, DynoRow> storedDynos = new HashMap<>();
    /** The dyno rows of the loaded apps as they stand now: stored rows (changed in place) and new ones. */
    private final Map<DynoRow.Key, DynoRow> dynos = new LinkedHashMap<>();
    private final List<SlugRow> slugs = new ArrayList<>();
    private final List<ReleaseRow> releases = new ArrayList<>();
    private final List<EventRow> eventRows = new ArrayList<>();
    private final Map<Position, Outcome> outcomes = new LinkedHashMap<>();
    private final Map<String, AppState> touched = new LinkedHashMap<>();

    /**
     * @param apps    the stored rows of the poll's apps
     * @param markers the stored idempotency markers of the poll's keys
     * @param dynos   every stored dyno row of the apps whose events may change dynos
     */
    PollFold(List<AppRow> apps, List<IdempotencyRow> markers, List<DynoRow> dynos) {
        apps.forEach(row -> appRows.put(row.name, row));
        markers.forEach(row -> this.markers.put(row.key, row));
        dynos.forEach(row -> storedDynos.put(new DynoRow.Key(row.appName, row.name), row));
        this.dynos.putAll(storedDynos);
    }

    /**
     * Applies one event: an event whose {@code Idempotency-Key} was applied before, from another
     * position, is a retry's copy and changes nothing.
     */
    void apply(Event e) {
        if (e.event() == null) {
            outcomes.put(e.at(), new Outcome(Outcome.Kind.UNREADABLE, e.unreadable()));
            return;
        }
        String app = e.event().app();
        if (e.tag() != null) {
            IdempotencyRow marker = markers.get(e.tag().key());
            boolean first = marker == null || marker.eventOffset == null
                    || (marker.eventPartition == e.at().partition() && marker.eventOffset == e.at().offset());
            if (!first) {
                outcomes.put(e.at(), Outcome.APPLIED);
                AppState state = state(app);
                if (state != null) {
                    touched.put(app, state);
                }
                return;
            }
        }
        Outcome outcome = fold(e);
        outcomes.put(e.at(), outcome);
        if (outcome.applied()) {
            touched.put(app, states.get(app));
            if (e.tag() != null) {
                mark(e);
            }
        }
    }

    Map<Position, Outcome> outcomes() {
        return outcomes;
    }

    /** The state after the poll of each app an applied event (or a retry's copy) touched. */
    Map<String, AppState> touched() {
        return touched;
    }

    /** The poll's new slugs, in log order: rows of an append-only table ({@link SlugRowsInsert}). */
    List<SlugRow> newSlugs() {
        return slugs;
    }

    /** The poll's new releases, in log order: rows of an append-only table ({@link ReleaseRowsInsert}). */
    List<ReleaseRow> newReleases() {
        return releases;
    }

    /** The index rows of the poll's applied events, in log order: an append-only table ({@link EventRowsInsert}). */
    List<EventRow> newEvents() {
        return eventRows;
    }

    /**
     * Writes the final state of each changed app into its row, and the final dyno rows into the
     * stored ones; returns the new rows of the tables whose rows change in place (apps, dynos,
     * idempotency markers), grouped by table so that the inserts batch. The append-only tables'
     * rows are not among them: see {@link #newSlugs()}, {@link #newReleases()}, {@link #newEvents()}.
     */
    List<Object> newRows() {
        List<Object> rows = new ArrayList<>();
        for (String app : changedApps) {
            AppRow stored = appRows.get(app);
            AppRow row = stored == null ? new AppRow() : stored;
            writeApp(row, states.get(app));
            if (stored == null) {
                rows.add(row);
            }
        }
        dynos.forEach((key, row) -> {
            DynoRow stored = storedDynos.get(key);
            if (stored == null) {
                rows.add(row);
            } else if (stored != row) {
                copyDyno(row, stored); // removed (the app was created again) and started anew in this poll
            }
        });
        rows.addAll(newMarkers);
        return rows;
    }

    /** Stored dyno rows that are gone after the poll. */
    List<Object> removedRows() {
        return storedDynos.entrySet().stream().filter(e -> !dynos.containsKey(e.getKey())).map(e -> (Object) e.getValue()).toList();
    }

    private AppState state(String app) {
        if (!states.containsKey(app)) {
            AppRow row = appRows.get(app);
            states.put(app, row == null ? null : StateJson.readState(row.state));
        }
        return states.get(app);
    }

    /** Checks the version the event was decided on, folds it in, and notes the rows it changes. */
    private Outcome fold(Event e) {
        PlatformEvent event = e.event();
        AppState state = state(event.app());
        Outcome refusal = refusal(state, event);
        if (refusal != null) {
            return refusal;
        }
        AppState next = AppState.evolve(state, event);
        states.put(event.app(), next);
        changedApps.add(event.app());
        switch (event.type()) {
            case SLUG_CREATED -> slugs.add(slugRow((SlugCreated) event));
            case RELEASE_CREATED -> releases.add(releaseRow(next, event, ((ReleaseCreated) event).rollbackOf()));
            case CONFIG_VARS_CHANGED -> releases.add(releaseRow(next, event, null));
            case DYNO_STATE_CHANGED -> dyno(next, (DynoStateChanged) event);
            case APP_CREATED, APP_DESTROYED -> dynos.keySet().removeIf(key -> key.appName.equals(event.app()));
            default -> {
            }
        }
        eventRows.add(eventRow(e.at(), event, e.value()));
        return Outcome.APPLIED;
    }

    /** Why the event may not apply, or null if it may. */
    private static Outcome refusal(AppState state, PlatformEvent event) {
        boolean gone = state == null || state.destroyed();
        if (event instanceof AppCreated) {
            long expected = state == null ? 0 : state.version();
            if (!gone) {
                return Outcome.conflict("Name is already taken");
            }
            return event.appVersion() != null && event.appVersion() != expected
                    ? Outcome.conflict("Name is already taken") : null;
        }
        if (gone) {
            return Outcome.noApp();
        }
        if (event.appVersion() != null && event.appVersion() != state.version()) {
            return Outcome.conflict("The app changed while this request was decided (version "
                    + event.appVersion() + ", now " + state.version() + "); read it again and retry.");
        }
        return null;
    }

    /** Records where a keyed request's event is, so its retries' copies are recognised (also on rebuild). */
    private void mark(Event e) {
        IdempotencyRow row = markers.get(e.tag().key());
        if (row == null) {
            row = new IdempotencyRow();
            row.key = e.tag().key();
            row.request = e.tag().request();
            row.status = IdempotencyRow.APPLIED;
            row.createdAt = e.event().occurredAt();
            markers.put(row.key, row);
            newMarkers.add(row);
        }
        row.appName = e.event().app();
        row.eventPartition = e.at().partition();
        row.eventOffset = e.at().offset();
    }

    private static void writeApp(AppRow row, AppState state) {
        row.name = state.name();
        row.id = state.id();
        row.ownerId = state.ownerId();
        row.version = state.version();
        row.destroyed = state.destroyed();
        row.state = StateJson.write(state);
        row.updatedAt = state.updatedAt();
    }

    private static SlugRow slugRow(SlugCreated e) {
        SlugRow row = new SlugRow();
        row.id = e.slugId();
        row.appName = e.app();
        row.processTypes = StateJson.write(e.processTypes());
        row.checksum = e.checksum();
        row.size = e.size();
        row.commit = e.commit();
        row.commitDescription = e.commitDescription();
        row.createdAt = e.occurredAt();
        return row;
    }

    private static ReleaseRow releaseRow(AppState next, PlatformEvent event, Integer rollbackOf) {
        AppState.Release release = next.release();
        ReleaseRow row = new ReleaseRow();
        row.id = release.id();
        row.appId = next.id();
        row.appName = next.name();
        row.version = release.version();
        row.slugId = release.slugId();
        row.description = release.description();
        row.rollbackOf = rollbackOf;
        row.config = StateJson.write(next.config());
        row.processTypes = StateJson.write(release.processTypes());
        row.byEmail = event.by();
        row.createdAt = event.occurredAt();
        return row;
    }

    /**
     * The last reported state of a dyno. A dyno that is down and no longer desired (scaled away, a
     * one-off that finished) is gone from the list, as on Heroku.
     */
    private void dyno(AppState app, DynoStateChanged e) {
        boolean desired = app.formationSlots().contains(e.dyno()) || app.oneOffs().containsKey(e.dyno());
        boolean finished = e.state() == DynoState.DOWN || (e.state() == DynoState.CRASHED && !desired);
        DynoRow.Key key = new DynoRow.Key(e.app(), e.dyno());
        if (finished && !desired) {
            dynos.remove(key);
            return;
        }
        DynoRow row = dynos.get(key);
        if (row == null) {
            row = new DynoRow();
            row.appName = e.app();
            row.name = e.dyno();
            row.id = UUID.nameUUIDFromBytes((app.id() + "/" + e.dyno()).getBytes(StandardCharsets.UTF_8)).toString();
            row.createdAt = e.occurredAt();
            dynos.put(key, row);
        }
        row.type = e.processType();
        row.state = e.state().wireName();
        row.releaseVersion = e.releaseVersion();
        row.host = e.host();
        row.pid = e.pid();
        row.exitStatus = e.exitStatus();
        row.signal = e.signal();
        row.restartCount = e.restartCount();
        row.nextRestartAt = e.nextRestartAt();
        row.error = e.error();
        row.updatedAt = e.occurredAt();
    }

    private static void copyDyno(DynoRow from, DynoRow to) {
        to.id = from.id;
        to.createdAt = from.createdAt;
        to.type = from.type;
        to.state = from.state;
        to.releaseVersion = from.releaseVersion;
        to.host = from.host;
        to.pid = from.pid;
        to.exitStatus = from.exitStatus;
        to.signal = from.signal;
        to.restartCount = from.restartCount;
        to.nextRestartAt = from.nextRestartAt;
        to.error = from.error;
        to.updatedAt = from.updatedAt;
    }

    private static EventRow eventRow(Position at, PlatformEvent event, byte[] value) {
        EventRow row = new EventRow();
        row.partition = at.partition();
        row.offset = at.offset();
        row.appName = event.app();
        row.type = event.type().wireName();
        row.by = event.by();
        row.occurredAt = event.occurredAt();
        row.json = new String(value, StandardCharsets.UTF_8);
        return row;
    }
}
