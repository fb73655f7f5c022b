package dev.jp.cli.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {

    @Test
    void reads_the_api_shapes() {
        Node node = new Node(Json.parse("{\"name\":\"web.1\",\"release\":{\"version\":3},\"pid\":null,\"ok\":true,"
                + "\"list\":[1,\"a\\n\\u00e9\"]}"));
        assertThat(node.text("name")).isEqualTo("web.1");
        assertThat(node.path("release", "version").text()).isEqualTo("3");
        assertThat(node.get("pid").isNull()).isTrue();
        assertThat(node.get("ok").value()).isEqualTo(true);
        assertThat(node.get("list").list()).extracting(Node::text).containsExactly("1", "a\né");
        assertThat(node.path("missing", "deeper").text()).isEmpty();
    }

    @Test
    void writes_what_it_reads() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("a", "quote\" and \\ and \n");
        value.put("b", List.of(1, true));
        value.put("c", null);
        String text = Json.write(value);
        assertThat(text).isEqualTo("{\"a\":\"quote\\\" and \\\\ and \\n\",\"b\":[1,true],\"c\":null}");
        assertThat(Json.parse(text)).isEqualTo(Json.parse(Json.pretty(value)));
    }

    @Test
    void rejects_broken_json() {
        assertThatThrownBy(() -> Json.parse("{\"a\":")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Json.parse("[1] x")).isInstanceOf(IllegalArgumentException.class);
    }
}
