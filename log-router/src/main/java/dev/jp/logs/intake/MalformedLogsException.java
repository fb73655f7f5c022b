package dev.jp.logs.intake;

/** A request whose lines cannot be taken as a whole: the intake answers 400 and stores none of them. */
public class MalformedLogsException extends Exception {

    public MalformedLogsException(String message) {
        super(message);
    }
}
