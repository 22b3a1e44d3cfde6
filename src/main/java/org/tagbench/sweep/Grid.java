package org.tagbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's grid: dotted config keys, each with the values it takes, in the experiment file's order. Its cells are
 * the cartesian product, the first key varying slowest and the last fastest (as nested loops written in file order),
 * so that a grid always gives the same cells in the same order.
 *
 * @param values each key's values, in file order
 */
public record Grid(Map<String, List<JsonNode>> values) {
    public Grid {
        Map<String, List<JsonNode>> copy = new LinkedHashMap<>();
        values.forEach((key, list) -> copy.put(key, List.copyOf(list)));
        values = Collections.unmodifiableMap(copy);
    }

    /** The number of cells: the product of the value counts. */
    public int size() {
        return values.values().stream().mapToInt(List::size).reduce(1, Math::multiplyExact);
    }

    /** Every cell's values by key, in cell order. */
    public List<Map<String, JsonNode>> cells() {
        List<String> keys = List.copyOf(values.keySet());
        List<Map<String, JsonNode>> cells = new ArrayList<>(size());
        int[] position = new int[keys.size()];
        for (int cell = 0; cell < size(); cell++) {
            Map<String, JsonNode> one = new LinkedHashMap<>();
            for (int k = 0; k < keys.size(); k++) {
                one.put(keys.get(k), values.get(keys.get(k)).get(position[k]));
            }
            cells.add(one);
            // An odometer: the last key turns fastest.
            for (int k = keys.size() - 1; k >= 0; k--) {
                if (++position[k] < values.get(keys.get(k)).size()) {
                    break;
                }
                position[k] = 0;
            }
        }
        return cells;
    }
}
