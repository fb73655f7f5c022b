package dev.jp.reliability.support;

import dev.jp.events.AppCreated;
import dev.jp.events.ConfigVarsChanged;
import dev.jp.events.FormationScaled;
import dev.jp.events.PlatformEvent;
import dev.jp.events.SlugCreated;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An app's formation and config folded from its events by the rule DESIGN.md states and the
 * events' javadoc repeats: a decision applies only if the app version it was decided on is still
 * current, and then moves the version on; a runner's fact (no app version) applies regardless.
 * Written here from the vocabulary, not borrowed from platform-api, so that it checks the projector.
 *
 * @param formation quantity per process type
 * @param config    the config vars
 * @param applied   the decisions that applied, in log order
 * @param conflicts how many decisions the log holds that did not apply (decided on a stale version)
 */
public record LogFold(Map<String, Integer> formation, Map<String, String> config, List<PlatformEvent> applied, int conflicts) {

    public static LogFold of(List<PlatformEvent> events) {
        Map<String, Integer> formation = new TreeMap<>();
        Map<String, String> config = new TreeMap<>();
        List<PlatformEvent> applied = new ArrayList<>();
        long version = 0;
        int conflicts = 0;
        for (PlatformEvent event : events) {
            if (event instanceof AppCreated) {
                version = 1;
                continue;
            }
            if (event.appVersion() == null) {
                continue; // a fact: dyno states; nothing of formation or config
            }
            if (event.appVersion() != version) {
                conflicts++;
                continue;
            }
            if (event instanceof SlugCreated) {
                continue; // a fact about an upload: does not move the version
            }
            version++;
            applied.add(event);
            if (event instanceof FormationScaled scaled) {
                scaled.changes().forEach(change -> formation.put(change.type(), change.quantity()));
            } else if (event instanceof ConfigVarsChanged changed) {
                changed.set().forEach(config::put);
                changed.unset().forEach(config::remove);
            }
        }
        return new LogFold(formation, config, applied, conflicts);
    }

    /** How many applied config changes set each key. */
    public Map<String, Integer> configKeysSet() {
        Map<String, Integer> counts = new TreeMap<>();
        applied.stream().filter(ConfigVarsChanged.class::isInstance).map(ConfigVarsChanged.class::cast)
                .forEach(changed -> changed.set().keySet().forEach(key -> counts.merge(key, 1, Integer::sum)));
        return counts;
    }
}
