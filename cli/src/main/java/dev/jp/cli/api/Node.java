package dev.jp.cli.api;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/** Reads fields out of parsed JSON without a cast at every call site; missing or null reads as empty. */
public record Node(Object value) {

    public Node get(String field) {
        return new Node(value instanceof Map<?, ?> map ? map.get(field) : null);
    }

    /** {@code path("release", "version")}: nested fields. */
    public Node path(String... fields) {
        Node node = this;
        for (String field : fields) {
            node = node.get(field);
        }
        return node;
    }

    public boolean isNull() {
        return value == null;
    }

    public String text() {
        return value == null ? "" : value instanceof BigDecimal number ? number.toPlainString() : value.toString();
    }

    public String text(String field) {
        return get(field).text();
    }

    public int integer(String field) {
        Object v = get(field).value;
        return v instanceof BigDecimal number ? number.intValue() : v instanceof String s && !s.isBlank() ? Integer.parseInt(s) : 0;
    }

    public List<Node> list() {
        return value instanceof List<?> list ? list.stream().map(Node::new).toList() : List.of();
    }

    @SuppressWarnings("unchecked")
    public Map<String, Object> map() {
        return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
