package dev.jp.cli;

/** jp's exit codes, the same for every command, so scripts can tell failures apart. */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int FAILURE = 1;
    public static final int USAGE = 2;
    public static final int NOT_FOUND = 3;
    public static final int CONFLICT = 4;
    public static final int UNREACHABLE = 5;

    private ExitCodes() {
    }
}
