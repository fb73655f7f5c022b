package dev.jp.api.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.api.config.ConfigDecisions;
import dev.jp.api.dynos.DynoDecisions;
import dev.jp.api.formation.FormationDecisions;
import dev.jp.api.releases.ReleaseDecisions;
import dev.jp.events.DynoState;
import dev.jp.events.DynoStateChanged;
import dev.jp.events.PlatformEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The fold of an app's events, and the decisions made on it: pure, no framework. */
class AppStateTest {

    private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
    private static final String DEV = "dev@jp.local";

    private static AppState apply(AppState state, PlatformEvent event) {
        return AppState.evolve(state, event);
    }

    private static AppState deployed() {
        AppState app = apply(null, AppDecisions.create(null, "demo", "acct", DEV, NOW));
        Map<String, String> types = new LinkedHashMap<>();
        types.put("web", "./web");
        types.put("worker", "./work");
        return apply(app, ReleaseDecisions.deploy(app, new ReleaseDecisions.SlugInfo("slug-1", types, "abcdef123"), null, DEV, NOW));
    }

    @Test
    void a_first_deploy_runs_one_web_dyno_and_no_others() {
        AppState app = deployed();

        assertThat(app.release().version()).isEqualTo(1);
        assertThat(app.release().description()).isEqualTo("Deploy abcdef1");
        assertThat(app.formationSlots()).containsExactly("web.1");
        assertThat(app.version()).isEqualTo(2);
    }

    @Test
    void scaling_resolves_relative_quantities_when_deciding() {
        AppState app = deployed();
        var event = FormationDecisions.scale(app, List.of(new FormationDecisions.Update("worker", "+3", null),
                new FormationDecisions.Update("web", "0", "2x")), 100, DEV, NOW);

        AppState scaled = apply(app, event);

        assertThat(event.changes()).extracting(c -> c.type() + "=" + c.quantity() + ":" + c.size())
                .containsExactly("worker=3:Standard-1X", "web=0:Standard-2X");
        assertThat(scaled.formationSlots()).containsExactly("worker.1", "worker.2", "worker.3");
    }

    @Test
    void a_config_change_makes_a_release_on_the_same_slug_and_a_rollback_restores_config() {
        AppState app = deployed();
        AppState configured = apply(app, ConfigDecisions.change(app, Map.of("A", "1"), DEV, NOW).orElseThrow());

        assertThat(configured.release().version()).isEqualTo(2);
        assertThat(configured.release().slugId()).isEqualTo("slug-1");
        assertThat(configured.config()).containsEntry("A", "1");

        AppState rolledBack = apply(configured, ReleaseDecisions.rollback(configured,
                new ReleaseDecisions.PastRelease(1, "slug-1", app.release().processTypes(), Map.of()), DEV, NOW));
        assertThat(rolledBack.release().version()).isEqualTo(3);
        assertThat(rolledBack.release().description()).isEqualTo("Rollback to v1");
        assertThat(rolledBack.config()).isEmpty();
    }

    @Test
    void a_patch_that_changes_nothing_decides_nothing() {
        AppState app = deployed();
        AppState configured = apply(app, ConfigDecisions.change(app, Map.of("A", "1"), DEV, NOW).orElseThrow());
        Map<String, String> same = new java.util.HashMap<>();
        same.put("A", "1");
        same.put("MISSING", null);

        assertThat(ConfigDecisions.change(configured, same, DEV, NOW)).isEmpty();
    }

    @Test
    void a_restart_of_one_type_bumps_only_its_slots() {
        AppState app = apply(deployed(), FormationDecisions.scale(deployed(),
                List.of(new FormationDecisions.Update("worker", "2", null)), 100, DEV, NOW));

        AppState restarted = apply(app, DynoDecisions.restart(app, null, "worker", DEV, NOW));

        assertThat(restarted.restartNonces()).containsOnlyKeys("worker.1", "worker.2");
    }

    @Test
    void a_one_off_is_gone_once_its_runner_reports_it_down() {
        AppState app = deployed();
        AppState running = apply(app, DynoDecisions.runOneOff(app, "rake db:migrate", Map.of(), null, false, null, DEV, NOW));
        assertThat(running.oneOffs()).containsOnlyKeys("run.1");

        AppState done = apply(running, new DynoStateChanged("demo", "runner:h1", NOW, null, "run.1", "run", 1,
                DynoState.DOWN, "h1", 42L, 0, null, 0, null, null));

        assertThat(done.oneOffs()).isEmpty();
        assertThat(done.lastOneOff()).isEqualTo(1);
        assertThat(done.version()).as("a runner's fact is no decision").isEqualTo(running.version());
    }

    @Test
    void a_destroyed_app_keeps_its_version_and_runs_nothing() {
        AppState app = deployed();

        AppState destroyed = apply(app, AppDecisions.destroy(app, DEV, NOW));

        assertThat(destroyed.destroyed()).isTrue();
        assertThat(destroyed.formationSlots()).isEmpty();
    }
}
