package dev.jp.runner.slugs;

/** The fetched tarball is not the slug the release names: Heroku's R17. */
public final class ChecksumMismatch extends SlugRefused {

    private final String expected;
    private final String actual;

    public ChecksumMismatch(String expected, String actual) {
        super("checksum mismatch: expected " + expected + ", fetched " + actual);
        this.expected = expected;
        this.actual = actual;
    }

    public String expected() {
        return expected;
    }

    public String actual() {
        return actual;
    }
}
