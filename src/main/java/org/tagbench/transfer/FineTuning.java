package org.tagbench.transfer;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.tagbench.config.ConfigException;
import org.tagbench.config.ModelConfig;
import org.tagbench.export.ModelBundle;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;

/**
 * Fine-tuning ({@code model.init: BUNDLE}): the bundle's network at its own widths, fed this run's input and
 * scoring this run's tags, starting from the bundle's weights matched by layout name. An array the bundle lacks or
 * holds in another shape (the output layer when the tag vocabulary differs) starts from the run's own random
 * initialisation, and each one is named.
 *
 * @param bundle the model bundle the run starts from
 */
public record FineTuning(ModelBundle bundle) {

    /** The bundle {@code model.init} names, read and checked; a config without one is an error of the caller's. */
    public static FineTuning of(ModelConfig model) throws IOException {
        Path folder = model.init();
        ModelBundle bundle;
        try {
            bundle = ModelBundle.read(folder);
        } catch (ConfigException e) {
            throw new ConfigException("model.init", e.where() + " " + e.problem());
        }
        if (bundle.spec().arch() != model.arch()) {
            throw new ConfigException("model.arch", model.arch().configName() + ", but the bundle " + folder
                    + " of model.init is a " + bundle.spec().arch().configName() + " (expected the bundle's"
                    + " architecture)");
        }
        return new FineTuning(bundle);
    }

    /** The bundle's architecture at its widths for an input of {@code melBands} x {@code frames} and {@code tags}. */
    public ModelSpec spec(int melBands, int frames, int tags) {
        ModelSpec own = bundle.spec();
        try {
            return own.arch().spec(melBands, frames, tags, own.widths().stream().mapToInt(Integer::intValue)
                    .toArray());
        } catch (IllegalArgumentException e) {
            throw new ConfigException("model.init", "the bundle's " + own.arch().configName() + " at widths "
                    + own.widths() + " does not fit this input (" + e.getMessage() + ")");
        }
    }

    /**
     * The weights a run with {@code fresh} initial weights starts from: the bundle's array of each name and shape,
     * {@code fresh}'s where the bundle has none of that shape. {@code notes} hears one line per array not loaded
     * and per bundle array left unused, and first whether the output layer is new (the tags differ).
     */
    public ModelWeights startingWeights(ModelWeights fresh, List<String> tags, Consumer<String> notes) {
        Map<String, WeightArray> start = new LinkedHashMap<>();
        Map<String, WeightArray> own = bundle.weights().arrays();
        if (!tags.equals(bundle.tags())) {
            notes.accept("model.init: the tags differ from the bundle's (" + tags.size() + " here, "
                    + bundle.tags().size() + " in the bundle): the output layer is new");
        }
        int loaded = 0;
        List<String> lines = new ArrayList<>();
        for (Map.Entry<String, WeightArray> slot : fresh.arrays().entrySet()) {
            WeightArray theirs = own.get(slot.getKey());
            int[] shape = slot.getValue().shape();
            if (theirs != null && Arrays.equals(theirs.shape(), shape)) {
                start.put(slot.getKey(), theirs);
                loaded++;
            } else {
                start.put(slot.getKey(), slot.getValue());
                lines.add("model.init: " + slot.getKey() + " " + (theirs == null ? "is not in the bundle"
                        : "has shape " + Arrays.toString(theirs.shape()) + " in the bundle, "
                        + Arrays.toString(shape) + " here") + ": initialised at random");
            }
        }
        for (String name : own.keySet()) {
            if (!fresh.arrays().containsKey(name)) {
                lines.add("model.init: the bundle's " + name + " has no place in this network: skipped");
            }
        }
        notes.accept("model.init: " + loaded + " of " + fresh.arrays().size() + " weight arrays loaded from "
                + bundle.provenance().path("run_id").asText("the bundle"));
        lines.forEach(notes);
        return new ModelWeights(start);
    }
}
