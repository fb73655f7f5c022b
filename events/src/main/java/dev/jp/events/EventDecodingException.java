package dev.jp.events;

/**
 * Bytes could not be decoded into a {@link PlatformEvent} or {@link DesiredDyno}: not JSON, an
 * unknown or missing {@code type}, a missing required field, or a value of the wrong shape. The
 * message names the problem; the cause is the underlying parser error.
 */
public class EventDecodingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public EventDecodingException(String message, Throwable cause) {
        super(message, cause);
    }

    public EventDecodingException(String message) {
        super(message);
    }
}
