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
import io.smallrye.mutiny.Uni;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.hibernate.reactive.mutiny.Mutiny;

/**
 * Applies one event of {@code platform.events} to the projection, inside the projector's
 * transaction: checks the version it was decided on, folds it into the app's state, and writes
 * the rows it changes. Returns what became of it, and the app's state afterwards.
 */
final class ProjectionWriter {

    /** What one event did: its outcome, and the app's state after it (null if it touched no app). */
    record Applied(Outcome outcome, AppState state) {
    }

    private ProjectionWriter() {
    }

    /**
     * @param tag the {@code Idempotency-Key} the event was appended for, or null: an event whose key
     *            was applied before, from another position, is a retry's copy and changes nothing
     */
    static Uni<Applied> apply(Mutiny.Session session, int partition, long offset, byte[] value, IdempotentRequest.Tag tag) {
        PlatformEvent event;
        try {
            event = EventCodec.decode(value);
        } catch (EventDecodingException e) {
            return Uni.createFrom().item(new Applied(new Outcome(Outcome.Kind.UNREADABLE, e.getMessage()), null));
        }
        if (tag == null) {
            return apply(session, partition, offset, value, event);
        }
        return session.find(IdempotencyRow.class, tag.key()).chain(marker -> {
            boolean first = marker == null || marker.eventOffset == null
                    || (marker.eventPartition == partition && marker.eventOffset == offset);
            if (!first) {
                return session.find(AppRow.class, event.app())
                        .map(row -> new Applied(Outcome.APPLIED, row == null ? null : StateJson.readState(row.state)));
            }
            return apply(session, partition, offset, value, event).call(applied -> applied.outcome().applied()
                    ? mark(session, marker, tag, event, partition, offset) : Uni.createFrom().voidItem());
        });
    }

    /** Records where a keyed request's event is, so its retries' copies are recognised (also on rebuild). */
    private static Uni<Void> mark(Mutiny.Session session, IdempotencyRow existing, IdempotentRequest.Tag tag,
                                  PlatformEvent event, int partition, long offset) {
        IdempotencyRow row = existing == null ? new IdempotencyRow() : existing;
        row.appName = event.app();
        row.eventPartition = partition;
        row.eventOffset = offset;
        if (existing != null) {
            return Uni.createFrom().voidItem();
        }
        row.key = tag.key();
        row.request = tag.request();
        row.status = IdempotencyRow.APPLIED;
        row.createdAt = event.occurredAt();
        return session.persist(row);
    }

    private static Uni<Applied> apply(Mutiny.Session session, int partition, long offset, byte[] value, PlatformEvent event) {
        return session.find(AppRow.class, event.app()).chain(row -> {
            AppState state = row == null ? null : StateJson.readState(row.state);
            Outcome refusal = refusal(state, event);
            if (refusal != null) {
                return Uni.createFrom().item(new Applied(refusal, state));
            }
            AppState next = AppState.evolve(state, event);
            return writeApp(session, row, next)
                    .chain(() -> writeSideRows(session, state, next, event))
                    .chain(() -> session.persist(eventRow(partition, offset, event, value)))
                    .replaceWith(new Applied(Outcome.APPLIED, next));
        });
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

    private static Uni<Void> writeApp(Mutiny.Session session, AppRow row, AppState next) {
        AppRow target = row == null ? new AppRow() : row;
        target.name = next.name();
        target.id = next.id();
        target.ownerId = next.ownerId();
        target.version = next.version();
        target.destroyed = next.destroyed();
        target.state = StateJson.write(next);
        target.updatedAt = next.updatedAt();
        return row == null ? session.persist(target) : Uni.createFrom().voidItem();
    }

    private static Uni<Void> writeSideRows(Mutiny.Session session, AppState before, AppState next, PlatformEvent event) {
        return switch (event.type()) {
            case SLUG_CREATED -> session.persist(slugRow((SlugCreated) event));
            case RELEASE_CREATED -> session.persist(releaseRow(next, event, ((ReleaseCreated) event).rollbackOf()));
            case CONFIG_VARS_CHANGED -> session.persist(releaseRow(next, event, null));
            case DYNO_STATE_CHANGED -> writeDyno(session, next, (DynoStateChanged) event);
            case APP_CREATED, APP_DESTROYED -> session.createMutationQuery("delete from DynoRow where appName = :app")
                    .setParameter("app", event.app()).executeUpdate().replaceWithVoid();
            default -> Uni.createFrom().voidItem();
        };
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
    private static Uni<Void> writeDyno(Mutiny.Session session, AppState app, DynoStateChanged e) {
        boolean desired = app.formationSlots().contains(e.dyno()) || app.oneOffs().containsKey(e.dyno());
        boolean finished = e.state() == DynoState.DOWN || (e.state() == DynoState.CRASHED && !desired);
        return session.find(DynoRow.class, new DynoRow.Key(e.app(), e.dyno())).chain(row -> {
            if (finished && !desired) {
                return row == null ? Uni.createFrom().voidItem() : session.remove(row);
            }
            DynoRow target = row == null ? new DynoRow() : row;
            if (row == null) {
                target.appName = e.app();
                target.name = e.dyno();
                target.id = UUID.nameUUIDFromBytes((app.id() + "/" + e.dyno()).getBytes(StandardCharsets.UTF_8)).toString();
                target.createdAt = e.occurredAt();
            }
            target.type = e.processType();
            target.state = e.state().wireName();
            target.releaseVersion = e.releaseVersion();
            target.host = e.host();
            target.pid = e.pid();
            target.exitStatus = e.exitStatus();
            target.signal = e.signal();
            target.restartCount = e.restartCount();
            target.nextRestartAt = e.nextRestartAt();
            target.error = e.error();
            target.updatedAt = e.occurredAt();
            return row == null ? session.persist(target) : Uni.createFrom().voidItem();
        });
    }

    private static EventRow eventRow(int partition, long offset, PlatformEvent event, byte[] value) {
        EventRow row = new EventRow();
        row.partition = partition;
        row.offset = offset;
        row.appName = event.app();
        row.type = event.type().wireName();
        row.by = event.by();
        row.occurredAt = event.occurredAt();
        row.json = new String(value, StandardCharsets.UTF_8);
        return row;
    }
}
