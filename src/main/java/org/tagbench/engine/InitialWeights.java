package org.tagbench.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightRole;
import org.tagbench.model.WeightSlot;
import org.tagbench.model.WeightLayout;

/**
 * A network's initial weights under {@link TrainingConventions} whose engines do not draw their own, drawn by
 * tagbench from the seed: the same values on every engine.
 */
public final class InitialWeights {
    private static final int GRU_GATES = 3;
    private static final int LSTM_GATES = 4;

    private InitialWeights() {
    }

    /** Every array of {@code spec}'s layout drawn as {@code conventions} say, in layout order, from {@code seed}. */
    public static ModelWeights draw(ModelSpec spec, TrainingConventions conventions, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Map<String, WeightArray> arrays = new LinkedHashMap<>();
        Initialisation.Fans weightFans = null;
        for (WeightSlot slot : WeightLayout.of(spec)) {
            int[] shape = slot.shape();
            if (shape.length > 1) {
                weightFans = fans(slot.role(), shape);
            }
            float[] values = new float[Math.toIntExact(slot.size())];
            // A bias (one axis) takes the fans of the weight it follows in the layout.
            conventions.initialisation(slot.role()).fill(values, shape[0], weightFans, random);
            arrays.put(slot.name(), new WeightArray(shape, values));
        }
        return new ModelWeights(arrays);
    }

    private static Initialisation.Fans fans(WeightRole role, int[] shape) {
        long area = 1;
        for (int i = 2; i < shape.length; i++) {
            area *= shape[i];
        }
        boolean gru = role == WeightRole.GRU_INPUT_WEIGHTS || role == WeightRole.GRU_RECURRENT_WEIGHTS;
        boolean lstm = role == WeightRole.LSTM_INPUT_WEIGHTS || role == WeightRole.LSTM_RECURRENT_WEIGHTS;
        int units = gru ? shape[0] / GRU_GATES : lstm ? shape[0] / LSTM_GATES : 0;
        return new Initialisation.Fans(shape[1] * area, shape[0] * area, units);
    }
}
