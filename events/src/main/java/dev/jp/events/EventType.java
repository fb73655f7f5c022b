package dev.jp.events;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one registry of event types: each {@link PlatformEvent} record and its stable wire type.
 *
 * <p>A wire type never changes once an event of it has been written. A new optional field keeps
 * the type; a changed meaning is a new type ({@code .v2}) beside the old one, which stays readable
 * forever because {@value Topics#PLATFORM_EVENTS} is never expired.
 *
 * <p>Java 17 cannot switch over a sealed interface, so projections switch over
 * {@code event.type()} instead; the compiler then checks that every type is handled.
 */
public enum EventType {
    APP_CREATED("app.created.v1", AppCreated.class),
    APP_DESTROYED("app.destroyed.v1", AppDestroyed.class),
    SLUG_CREATED("slug.created.v1", SlugCreated.class),
    RELEASE_CREATED("release.created.v1", ReleaseCreated.class),
    CONFIG_VARS_CHANGED("config-vars.changed.v1", ConfigVarsChanged.class),
    FORMATION_SCALED("formation.scaled.v1", FormationScaled.class),
    DYNO_RESTART_REQUESTED("dyno.restart-requested.v1", DynoRestartRequested.class),
    DYNO_STOP_REQUESTED("dyno.stop-requested.v1", DynoStopRequested.class),
    ONE_OFF_DYNO_REQUESTED("dyno.one-off-requested.v1", OneOffDynoRequested.class),
    DYNO_STATE_CHANGED("dyno.state-changed.v1", DynoStateChanged.class),
    DRAIN_ADDED("drain.added.v1", DrainAdded.class),
    DRAIN_REMOVED("drain.removed.v1", DrainRemoved.class);

    private static final Map<String, EventType> BY_WIRE_NAME =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::wireName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_CLASS =
            Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(EventType::eventClass, Function.identity()));

    private final String wireName;
    private final Class<? extends PlatformEvent> eventClass;

    EventType(String wireName, Class<? extends PlatformEvent> eventClass) {
        this.wireName = wireName;
        this.eventClass = eventClass;
    }

    /** The JSON {@code type}, such as {@code formation.scaled.v1}. */
    public String wireName() {
        return wireName;
    }

    /** The record this type decodes to. */
    public Class<? extends PlatformEvent> eventClass() {
        return eventClass;
    }

    /** The type of an event class; every permitted {@link PlatformEvent} has one. */
    public static EventType of(Class<?> eventClass) {
        EventType type = BY_CLASS.get(eventClass);
        if (type == null) {
            throw new IllegalArgumentException("not a platform event class: " + eventClass.getName());
        }
        return type;
    }

    /** The type with this wire name, or empty if this version of jp does not know it. */
    public static Optional<EventType> fromWireName(String wireName) {
        return Optional.ofNullable(BY_WIRE_NAME.get(wireName));
    }
}
