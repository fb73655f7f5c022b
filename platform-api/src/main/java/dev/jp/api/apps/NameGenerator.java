package dev.jp.api.apps;

import java.security.SecureRandom;
import java.util.List;

/** Heroku-style names for apps created without one: {@code sparkling-river-4821}. */
final class NameGenerator {

    private static final List<String> ADJECTIVES = List.of("ancient", "bold", "calm", "damp", "eager", "fierce",
            "gentle", "hidden", "icy", "jolly", "keen", "lively", "misty", "noble", "odd", "polar", "quiet", "rapid",
            "shiny", "tidy", "vast", "warm", "young", "zesty");
    private static final List<String> NOUNS = List.of("anchor", "brook", "canyon", "dawn", "ember", "forest", "glade",
            "harbor", "island", "jungle", "lake", "meadow", "nebula", "ocean", "peak", "quartz", "river", "shore",
            "thunder", "valley", "wave", "yonder");
    private static final SecureRandom RANDOM = new SecureRandom();

    private NameGenerator() {
    }

    static String next() {
        return ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(RANDOM.nextInt(NOUNS.size()))
                + "-" + (1000 + RANDOM.nextInt(9000));
    }
}
