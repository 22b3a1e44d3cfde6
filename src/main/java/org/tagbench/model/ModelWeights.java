package org.tagbench.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A network's weights in the engine-neutral {@link WeightLayout}: every array of the layout, by name, in layout
 * order. Engines export and import this; it also holds the best epoch's weights during training.
 */
public record ModelWeights(Map<String, WeightArray> arrays) {
    public ModelWeights {
        arrays = Collections.unmodifiableMap(new LinkedHashMap<>(arrays));
    }

    /** The array named {@code name}; an error names it when absent. */
    public WeightArray get(String name) {
        WeightArray array = arrays.get(name);
        if (array == null) {
            throw new IllegalArgumentException("no weight array named " + name);
        }
        return array;
    }

    /** Checks that these weights are exactly {@code layout}'s arrays, with its shapes; the error names the first misfit. */
    public void requireLayout(List<WeightSlot> layout) {
        for (WeightSlot slot : layout) {
            WeightArray array = get(slot.name());
            if (!Arrays.equals(array.shape(), slot.shape())) {
                throw new IllegalArgumentException(slot.name() + " has shape " + Arrays.toString(array.shape())
                        + ", the model needs " + Arrays.toString(slot.shape()));
            }
        }
        if (arrays.size() != layout.size()) {
            throw new IllegalArgumentException(arrays.size() + " weight arrays for a model of " + layout.size());
        }
    }
}
