package org.tagbench.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;

/** Merges config trees: mappings merge key by key; any other value, null included, replaces the base's. */
final class DeepMerge {
    private DeepMerge() {
    }

    /** A new tree of {@code base} with {@code over} merged on top; neither argument changes. */
    static ObjectNode merge(ObjectNode base, ObjectNode over) {
        ObjectNode merged = base.deepCopy();
        for (Map.Entry<String, JsonNode> entry : over.properties()) {
            JsonNode below = merged.get(entry.getKey());
            JsonNode above = entry.getValue();
            merged.set(entry.getKey(), below instanceof ObjectNode belowSection && above instanceof ObjectNode section
                    ? merge(belowSection, section)
                    : above.deepCopy());
        }
        return merged;
    }
}
