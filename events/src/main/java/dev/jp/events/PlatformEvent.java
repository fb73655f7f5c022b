package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.annotation.JsonTypeIdResolver;
import java.time.Instant;

/**
 * Something that happened to an app, as recorded on the topic {@value Topics#PLATFORM_EVENTS}
 * (key = {@link #app()}). The log of these events is the platform's history: folding it in order
 * rebuilds every projection, and {@code jp audit} reads it back.
 *
 * <p>On the wire an event is a JSON object whose first property {@code type} is the stable
 * {@link EventType#wireName() wire type} (such as {@code formation.scaled.v1}), followed by the
 * record's components in declaration order. Encode and decode with {@link EventCodec}.
 *
 * <p>Every event carries the same four fields first: {@link #app()}, {@link #by()},
 * {@link #occurredAt()} and {@link #appVersion()}.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.CUSTOM, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonTypeIdResolver(EventTypeIdResolver.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(ignoreUnknown = true)
public sealed interface PlatformEvent
        permits AppCreated,
                AppDestroyed,
                SlugCreated,
                ReleaseCreated,
                ConfigVarsChanged,
                FormationScaled,
                DynoRestartRequested,
                DynoStopRequested,
                OneOffDynoRequested,
                DynoStateChanged,
                DrainAdded,
                DrainRemoved {

    /** The app's name; also the Kafka record key, so all events of one app stay in order. */
    String app();

    /** The actor: a user's email, or {@code runner:<host>} for facts a dyno runner reports. */
    String by();

    /** When the event was decided (for runner facts: when the runner observed it). */
    Instant occurredAt();

    /**
     * The app version this event was decided on; the projector applies the event only if that
     * version is still current (otherwise it records a conflict). Null for facts reported by
     * runners, which apply regardless.
     */
    Long appVersion();

    /** This event's type, whose {@link EventType#wireName() wire name} is the JSON {@code type}. */
    @JsonIgnore
    default EventType type() {
        return EventType.of(getClass());
    }
}
