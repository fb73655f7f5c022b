package dev.jp.events.logplex;

/**
 * Bytes that are not valid {@code application/logplex-1} framing: a bad length prefix, a frame
 * over {@value LogplexParser#MAX_FRAME_BYTES} bytes, a header that is not RFC 5424, a body that
 * ends inside a frame, or a frame count that differs from the one the sender declared.
 *
 * <p>Checked, because every caller must decide what a bad body means to its peer (the intake
 * answers 400 and stores nothing; a syslog connection is closed).
 */
public class MalformedFrameException extends Exception {

    public MalformedFrameException(String message) {
        super(message);
    }
}
