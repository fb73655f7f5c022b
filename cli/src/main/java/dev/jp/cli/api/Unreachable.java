package dev.jp.cli.api;

import java.io.IOException;

/** The API could not be reached at all (refused, unknown host, timed out), as opposed to answering with an error. */
public final class Unreachable extends RuntimeException {

    public Unreachable(String url, IOException cause) {
        super("cannot reach the jp API at " + url + " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + "); is it up? (jp up -d)", cause);
    }
}
