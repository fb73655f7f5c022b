package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.databind.DatabindContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.jsontype.impl.TypeIdResolverBase;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * Jackson plumbing: maps {@link PlatformEvent} classes to and from their wire types through
 * {@link EventType}, so any {@code ObjectMapper} (not only {@link EventCodec}'s) writes and reads
 * the same {@code type}. Public only because Jackson instantiates it.
 */
public final class EventTypeIdResolver extends TypeIdResolverBase {

    @Override
    public String idFromValue(Object value) {
        return EventType.of(value.getClass()).wireName();
    }

    @Override
    public String idFromValueAndType(Object value, Class<?> suggestedType) {
        return EventType.of(value != null ? value.getClass() : suggestedType).wireName();
    }

    /** Null for an unknown type: Jackson then fails with an invalid-type-id error. */
    @Override
    public JavaType typeFromId(DatabindContext context, String id) {
        return EventType.fromWireName(id).map(type -> context.constructType(type.eventClass())).orElse(null);
    }

    @Override
    public String getDescForKnownTypeIds() {
        return Arrays.stream(EventType.values()).map(EventType::wireName).collect(Collectors.joining(", "));
    }

    @Override
    public JsonTypeInfo.Id getMechanism() {
        return JsonTypeInfo.Id.CUSTOM;
    }
}
