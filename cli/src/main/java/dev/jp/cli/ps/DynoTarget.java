package dev.jp.cli.ps;

import dev.jp.cli.CliException;

/** What ps:restart and ps:stop act on: one dyno (a name with a dot), a process type, or, for restart only, everything. */
record DynoTarget(Kind kind, String name) {

    enum Kind { DYNO, TYPE, ALL }

    static DynoTarget of(String dyno, String type, boolean allowAll) {
        if (dyno != null && type != null) {
            throw CliException.usage("Give a dyno or -p TYPE, not both");
        }
        if (type != null) {
            return new DynoTarget(Kind.TYPE, type);
        }
        if (dyno != null) {
            return new DynoTarget(dyno.contains(".") ? Kind.DYNO : Kind.TYPE, dyno);
        }
        if (!allowAll) {
            throw CliException.usage("Give a dyno (web.1) or -p TYPE");
        }
        return new DynoTarget(Kind.ALL, null);
    }

    String describe() {
        return switch (kind) {
            case DYNO -> name + " dyno";
            case TYPE -> name + " dynos";
            case ALL -> "all dynos";
        };
    }
}
