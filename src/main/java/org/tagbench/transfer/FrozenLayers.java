package org.tagbench.transfer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.tagbench.config.ConfigException;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelSummary;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;

/**
 * The layers {@code model.freeze} keeps fixed and the values they keep: every weight array of those layers (batch
 * normalisation's running statistics included) as the starting weights hold them.
 *
 * @param layers the frozen spec layers (0-based), in order
 * @param arrays the frozen arrays by layout name, at their kept values
 */
public record FrozenLayers(List<Integer> layers, Map<String, WeightArray> arrays) {

    /**
     * The layers of {@code spec} that {@code names} picks: an entry is a layer's number or a name as {@code tagbench
     * model summary} shows them (a name shared by several layers freezes them all), their arrays kept at their
     * values in {@code start}. An entry naming no layer is one line listing the layer names.
     */
    public static FrozenLayers of(ModelSpec spec, List<String> names, ModelWeights start) {
        List<String> rows = ModelSummary.rows(spec).stream().map(ModelSummary.Row::layer).toList();
        Set<Integer> picked = new LinkedHashSet<>();
        for (String name : names) {
            List<Integer> matches = IntStream.range(0, rows.size())
                    .filter(i -> rows.get(i).equals(name) || name.equals(Integer.toString(i + 1))).boxed().toList();
            if (matches.isEmpty()) {
                throw new ConfigException("model.freeze", name + " is not a layer of this "
                        + spec.arch().configName() + " (expected a number 1 to " + rows.size() + " or one of "
                        + String.join(", ", new LinkedHashSet<>(rows)) + ")");
            }
            picked.addAll(matches);
        }
        List<Integer> layers = new ArrayList<>(picked);
        layers.sort(null);
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        for (Map.Entry<String, WeightArray> array : start.arrays().entrySet()) {
            if (layers.stream().anyMatch(i -> array.getKey().startsWith(WeightLayout.prefix(i)))) {
                arrays.put(array.getKey(), array.getValue());
            }
        }
        if (arrays.isEmpty()) {
            throw new ConfigException("model.freeze", names + " picks layers " + layers.stream().map(i -> i + 1)
                    .toList() + ", which have no weights (expected layers with weights, as tagbench model summary"
                    + " counts their parameters)");
        }
        return new FrozenLayers(List.copyOf(layers), Collections.unmodifiableMap(arrays));
    }

    /** {@code weights} with every frozen array put back to its kept value. */
    public ModelWeights restore(ModelWeights weights) {
        Map<String, WeightArray> restored = new LinkedHashMap<>(weights.arrays());
        restored.putAll(arrays);
        return new ModelWeights(restored);
    }
}
