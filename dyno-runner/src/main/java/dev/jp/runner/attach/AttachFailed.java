package dev.jp.runner.attach;

import java.io.IOException;

/** An attached one-off could not meet its user at the rendezvous: Heroku's R13. The message never holds the secret. */
public final class AttachFailed extends IOException {

    public AttachFailed(String message) {
        super(message);
    }

    public AttachFailed(String message, Throwable cause) {
        super(message, cause);
    }
}
