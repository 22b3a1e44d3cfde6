package org.tagbench.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.tagbench.config.ExperimentConfig;

/**
 * One cell of a sweep: its place in the grid (1 to n), the grid values that make it, and the resolved config they
 * give, whose experiment key names the cell in the store.
 *
 * @param position the cell's place in grid order, from 1
 * @param values the cell's value of each grid key, in grid order
 * @param config the base config with the values applied, named after the sweep
 * @param experimentKey {@link org.tagbench.config.ConfigLoader#experimentKey} of {@code config}
 * @param runName the run folder's name part: the sweep's name and the cell's values
 */
public record SweepCell(int position, Map<String, JsonNode> values, ExperimentConfig config, String experimentKey,
                        String runName) {
    public SweepCell {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The values as a user writes them, {@code model.arch=k2c2, seed=1}. */
    public String overrides() {
        return overrides(values);
    }

    /** {@code values} as a user writes them, {@code model.arch=k2c2, seed=1}. */
    static String overrides(Map<String, JsonNode> values) {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + text(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** The values under their keys' last parts, {@code arch=k2c2, params=100k, seed=1}, for a progress line. */
    public String shortOverrides() {
        return values.entrySet().stream()
                .map(e -> e.getKey().substring(e.getKey().lastIndexOf('.') + 1) + "=" + text(e.getValue()))
                .collect(Collectors.joining(", "));
    }

    /** A value as written: a string without its quotes, anything else as JSON. */
    static String text(JsonNode value) {
        return value.isTextual() ? value.asText() : value.toString();
    }
}
