package dev.moose.core.plan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A YAML value with the line and column it came from, so every plan error can point at its place. */
sealed interface YamlNode {

    int line();

    int column();

    /** A mapping; keys keep their own positions. */
    record MapNode(Map<String, YamlNode> entries, Map<String, int[]> keyPositions, int line, int column) implements YamlNode {
        public MapNode {
            entries = new LinkedHashMap<>(entries);
        }
    }

    record ListNode(List<YamlNode> items, int line, int column) implements YamlNode {
    }

    /** A scalar; {@code value} is {@code null} for YAML null, {@code bool} tells {@code true} from {@code "true"}. */
    record Scalar(String value, boolean bool, boolean number, int line, int column) implements YamlNode {
    }

    default String kind() {
        if (this instanceof MapNode) {
            return "a mapping";
        }
        if (this instanceof ListNode) {
            return "a list";
        }
        Scalar s = (Scalar) this;
        return s.value() == null ? "null" : s.bool() ? "a boolean" : s.number() ? "a number" : "text";
    }
}
