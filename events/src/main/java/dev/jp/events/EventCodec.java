package dev.jp.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidTypeIdException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The JSON form of {@link PlatformEvent}s and {@link DesiredDyno}s, the same in every service.
 *
 * <ul>
 *   <li>UTF-8 JSON; an event's first property is its {@code type} ({@code formation.scaled.v1}),
 *       then the record's components in declaration order.
 *   <li>Instants as ISO-8601 UTC strings, {@code 2026-11-21T10:14:40.123456Z} (as many fraction
 *       digits as the instant has: 0, 3, 6 or 9).
 *   <li>Null fields are left out when writing, and absent when reading means null.
 *   <li>Unknown properties are ignored when reading, so a field added later never breaks an older
 *       reader.
 *   <li>Anything that cannot be read throws {@link EventDecodingException}, never a Jackson
 *       exception.
 * </ul>
 *
 * <p>Stateless and thread-safe: the methods are static over one configured, never mutated mapper.
 */
public final class EventCodec {

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.USE_DEFAULTS))
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A missing int or boolean must not silently become 0 or false.
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private EventCodec() {}

    /** The event as UTF-8 JSON, ready to be a Kafka record value. */
    public static byte[] encode(PlatformEvent event) {
        Objects.requireNonNull(event, "event is required");
        return write(event);
    }

    /** The event as a JSON string. */
    public static String encodeToString(PlatformEvent event) {
        return new String(encode(event), StandardCharsets.UTF_8);
    }

    /**
     * The event in UTF-8 JSON.
     *
     * @throws EventDecodingException if the bytes are not a well-formed event of a known type
     */
    public static PlatformEvent decode(byte[] json) {
        Objects.requireNonNull(json, "json is required");
        return read(json, PlatformEvent.class, "platform event");
    }

    /** Like {@link #decode(byte[])}, from a string. */
    public static PlatformEvent decode(String json) {
        Objects.requireNonNull(json, "json is required");
        return decode(json.getBytes(StandardCharsets.UTF_8));
    }

    /** The desired dyno as UTF-8 JSON, the value of a {@value Topics#DYNOS_DESIRED} record. */
    public static byte[] encodeDesired(DesiredDyno dyno) {
        Objects.requireNonNull(dyno, "dyno is required");
        return write(dyno);
    }

    /**
     * The desired dyno in UTF-8 JSON. A tombstone (null value) is not a desired dyno: check for
     * null before calling this.
     *
     * @throws EventDecodingException if the bytes are not a well-formed desired dyno
     */
    public static DesiredDyno decodeDesired(byte[] json) {
        Objects.requireNonNull(json, "json is required (a tombstone removes the slot; it has no DesiredDyno)");
        return read(json, DesiredDyno.class, "desired dyno");
    }

    /** Like {@link #decodeDesired(byte[])}, from a string. */
    public static DesiredDyno decodeDesired(String json) {
        Objects.requireNonNull(json, "json is required");
        return decodeDesired(json.getBytes(StandardCharsets.UTF_8));
    }

    /** A dyno's resource sample as the JSON value of {@value Topics#DYNOS_STATS}. */
    public static byte[] encodeStats(DynoStats stats) {
        return write(stats);
    }

    /** Decodes a {@value Topics#DYNOS_STATS} value; throws {@link EventDecodingException} on bad input. */
    public static DynoStats decodeStats(byte[] json) {
        return read(json, DynoStats.class, "dyno stats");
    }

    private static byte[] write(Object value) {
        try {
            return MAPPER.writeValueAsBytes(value);
        } catch (JsonProcessingException e) {
            // Records of strings, numbers and maps always serialize; this is a bug, not bad input.
            throw new UncheckedIOException("cannot encode " + value.getClass().getSimpleName(), e);
        }
    }

    private static <T> T read(byte[] json, Class<T> type, String what) {
        T value;
        try {
            value = MAPPER.readValue(json, type);
        } catch (InvalidTypeIdException e) {
            throw new EventDecodingException(
                    e.getTypeId() == null
                            ? "cannot decode " + what + ": it has no \"type\""
                            : "cannot decode " + what + ": unknown event type '" + e.getTypeId() + "'",
                    e);
        } catch (ValueInstantiationException e) {
            // A compact constructor refused the values: its message names the field.
            Throwable refusal = e.getCause() != null ? e.getCause() : e;
            throw new EventDecodingException(
                    "invalid " + describe(e.getType().getRawClass()) + ": " + refusal.getMessage(), e);
        } catch (JsonMappingException e) {
            throw new EventDecodingException(
                    "cannot decode " + subject(e, what) + at(e) + ": " + problem(e), e);
        } catch (JsonProcessingException e) {
            throw new EventDecodingException("cannot decode " + what + ": not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new EventDecodingException("cannot decode " + what + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new EventDecodingException("cannot decode " + what + ": the JSON is null");
        }
        return value;
    }

    private static String describe(Class<?> type) {
        return PlatformEvent.class.isAssignableFrom(type) ? EventType.of(type).wireName() : type.getSimpleName();
    }

    /** The event type being read when reading failed, such as {@code formation.scaled.v1}, if known. */
    private static String subject(JsonMappingException e, String what) {
        Object from = e.getPath().isEmpty() ? null : e.getPath().get(0).getFrom();
        Class<?> type = from instanceof Class<?> c ? c : from != null ? from.getClass() : null;
        return type != null && type != PlatformEvent.class && PlatformEvent.class.isAssignableFrom(type)
                ? EventType.of(type).wireName()
                : what;
    }

    private static String problem(JsonMappingException e) {
        // A missing int, long or boolean reads as null, which FAIL_ON_NULL_FOR_PRIMITIVES refuses;
        // Jackson's own message would suggest turning that check off.
        if (e instanceof MismatchedInputException mismatch
                && mismatch.getClass() == MismatchedInputException.class
                && mismatch.getTargetType() != null
                && mismatch.getTargetType().isPrimitive()) {
            return "a required " + mismatch.getTargetType() + " is missing or null";
        }
        return e.getOriginalMessage();
    }

    /** The field where reading failed, such as {@code " at changes[0].quantity"}, or nothing. */
    private static String at(JsonMappingException e) {
        if (e.getPath().isEmpty()) {
            return "";
        }
        return " at " + e.getPath().stream()
                .map(ref -> ref.getFieldName() != null ? "." + ref.getFieldName() : "[" + ref.getIndex() + "]")
                .collect(Collectors.joining())
                .replaceFirst("^\\.", "");
    }
}
