package dev.jp.cli.releases;

import dev.jp.cli.CliException;

/** A release as people type it: {@code v3} or {@code 3}. */
final class Versions {

    private Versions() {
    }

    static int parse(String text) {
        String digits = text.startsWith("v") || text.startsWith("V") ? text.substring(1) : text;
        try {
            int version = Integer.parseInt(digits);
            if (version > 0) {
                return version;
            }
        } catch (NumberFormatException e) {
            // fall through to the usage error
        }
        throw CliException.usage("'" + text + "' is not a release; give one such as v3");
    }
}
