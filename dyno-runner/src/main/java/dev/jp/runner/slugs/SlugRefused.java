package dev.jp.runner.slugs;

/** A slug that must not run: its checksum does not match, or its tarball breaks the unpacking rules. */
public class SlugRefused extends RuntimeException {

    public SlugRefused(String message) {
        super(message);
    }
}
