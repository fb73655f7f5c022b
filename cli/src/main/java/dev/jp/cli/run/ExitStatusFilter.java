package dev.jp.cli.run;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.OptionalInt;

/**
 * Passes a one-off dyno's output through unchanged, except the line
 * {@code \uFFFF heroku-command-exit-status: N} that the rendezvous sends when the process ends:
 * that line is not printed and N becomes jp's exit code. It may arrive split across reads, so
 * bytes that could start it are held back until they match it or cannot.
 */
final class ExitStatusFilter {

    static final byte[] MARKER = "\uFFFF heroku-command-exit-status: ".getBytes(StandardCharsets.UTF_8);

    private final OutputStream out;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private final StringBuilder digits = new StringBuilder();
    private boolean inStatus;
    private Integer status;

    ExitStatusFilter(OutputStream out) {
        this.out = out;
    }

    void write(byte[] bytes, int length) throws IOException {
        for (int i = 0; i < length; i++) {
            accept(bytes[i]);
        }
        out.flush();
    }

    /** At the end of the stream: what was held back was output after all. */
    void finish() throws IOException {
        if (inStatus && !digits.isEmpty()) {
            status = Integer.parseInt(digits.toString());
        }
        held.writeTo(out);
        held.reset();
        out.flush();
    }

    OptionalInt status() {
        return status == null ? OptionalInt.empty() : OptionalInt.of(status);
    }

    private void accept(byte b) throws IOException {
        if (inStatus) {
            if (b >= '0' && b <= '9') {
                if (digits.length() < 9) {
                    digits.append((char) b);
                }
                return;
            }
            if (b == '\r') {
                return;
            }
            inStatus = false;
            if (!digits.isEmpty()) {
                status = Integer.parseInt(digits.toString());
            }
            if (b == '\n') {
                return;
            }
        }
        if (b == MARKER[held.size()]) {
            held.write(b);
            if (held.size() == MARKER.length) {
                held.reset();
                inStatus = true;
                digits.setLength(0);
            }
            return;
        }
        if (held.size() > 0) {
            held.writeTo(out);
            held.reset();
            if (b == MARKER[0]) {
                held.write(b);
                return;
            }
        }
        out.write(b);
    }
}
