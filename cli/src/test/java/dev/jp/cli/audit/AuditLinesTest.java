package dev.jp.cli.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.jp.cli.api.Json;
import dev.jp.cli.api.Node;
import org.junit.jupiter.api.Test;

class AuditLinesTest {

    private static String describe(String type, String json) {
        return AuditLines.describe(type, new Node(Json.parse(json)), false);
    }

    @Test
    void reads_like_a_timeline() {
        assertThat(describe("release.created.v1", "{\"description\":\"Deploy 1a2b3c4\",\"version\":3}")).isEqualTo("Deploy 1a2b3c4 (v3)");
        assertThat(describe("formation.scaled.v1", "{\"changes\":[{\"type\":\"web\",\"quantity\":2}]}")).isEqualTo("Scale web=2");
        assertThat(describe("config-vars.changed.v1", "{\"set\":{\"A\":\"1\",\"B\":\"2\"},\"unset\":[],\"releaseVersion\":4}"))
                .isEqualTo("Set A, B config vars (v4)");
        assertThat(describe("config-vars.changed.v1", "{\"set\":{},\"unset\":[\"A\"],\"releaseVersion\":5}"))
                .isEqualTo("Unset A config vars (v5)");
        assertThat(describe("dyno.state-changed.v1", "{\"dyno\":\"web.1\",\"state\":\"crashed\",\"exitStatus\":137}"))
                .isEqualTo("Crash of web.1 (exit 137)");
        assertThat(describe("dyno.restart-requested.v1", "{\"processType\":\"web\"}")).isEqualTo("Restart web dynos");
        assertThat(describe("dyno.one-off-requested.v1", "{\"dyno\":\"run.1\",\"command\":\"echo hi\"}")).isEqualTo("Run `echo hi` as run.1");
    }

    @Test
    void dyno_life_cycle_chatter_shows_only_when_asked() {
        String up = "{\"dyno\":\"web.1\",\"state\":\"up\",\"releaseVersion\":3,\"host\":\"h1\"}";
        assertThat(describe("dyno.state-changed.v1", up)).isNull();
        assertThat(AuditLines.describe("dyno.state-changed.v1", new Node(Json.parse(up)), true)).isEqualTo("web.1 up (v3) on h1");
    }
}
