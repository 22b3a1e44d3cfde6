package org.tagbench.frontend;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tagbench.config.FeatureConfig;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightRole;
import org.tagbench.model.WeightSlot;

/**
 * The weights of a trainable front end ({@code features.trainable: true}), engine-neutral like the
 * {@link WeightLayout} they follow: {@value #MEL_FILTERBANK} [n_mels, n_fft/2 + 1], librosa's orientation (band m's
 * weight on frequency bin k), starting as {@link MelKernels#melMatrix} makes it. They come after the spec's arrays
 * in a network's weights, its checkpoints and a bundle's weights.npz; a fixed front end has none.
 */
public final class FrontEndWeights {
    /** The layout name of the trainable mel filterbank. */
    public static final String MEL_FILTERBANK = "frontend.mel_filterbank";

    private FrontEndWeights() {
    }

    /** The front end's arrays under {@code features}: the filterbank when trainable, else none. */
    public static List<WeightSlot> slots(FeatureConfig features) {
        if (!features.trainable()) {
            return List.of();
        }
        return List.of(new WeightSlot(MEL_FILTERBANK, new int[] {features.nMels(), features.nFft() / 2 + 1},
                WeightRole.MEL_FILTERBANK));
    }

    /** The whole layout of a network of {@code spec} eating input through a front end of {@code features}. */
    public static List<WeightSlot> layout(ModelSpec spec, FeatureConfig features) {
        List<WeightSlot> all = new ArrayList<>(WeightLayout.of(spec));
        all.addAll(slots(features));
        return List.copyOf(all);
    }

    /** Trainable values the front end adds to the spec's count: n_mels x (n_fft/2 + 1), or 0 when fixed. */
    public static long params(FeatureConfig features) {
        return slots(features).stream().mapToLong(WeightSlot::size).sum();
    }

    /** {@code spec}'s weights followed by the front end's starting filterbank (nothing added when it is fixed). */
    public static ModelWeights withInitial(ModelWeights spec, FeatureConfig features) {
        if (!features.trainable()) {
            return spec;
        }
        Map<String, WeightArray> all = new LinkedHashMap<>(spec.arrays());
        all.put(MEL_FILTERBANK, initialFilterbank(features));
        return new ModelWeights(all);
    }

    /** {@code all} without the front end's arrays: the spec's layout alone. */
    public static ModelWeights withoutFrontEnd(ModelWeights all) {
        Map<String, WeightArray> spec = new LinkedHashMap<>(all.arrays());
        spec.remove(MEL_FILTERBANK);
        return new ModelWeights(spec);
    }

    /**
     * The filterbank a front end of {@code features} multiplies power spectra by, transposed as
     * {@link MelKernels#melMatrix} gives it ([bins][n_mels]): the trained one in {@code weights} when trainable, else
     * the settings' own.
     */
    public static double[][] melMatrix(FeatureConfig features, ModelWeights weights) {
        if (!features.trainable()) {
            return MelKernels.melMatrix(features);
        }
        WeightArray bank = weights.get(MEL_FILTERBANK);
        int bands = bank.shape()[0];
        int bins = bank.shape()[1];
        float[] values = bank.values();
        double[][] transposed = new double[bins][bands];
        for (int m = 0; m < bands; m++) {
            for (int k = 0; k < bins; k++) {
                transposed[k][m] = values[m * bins + k];
            }
        }
        return transposed;
    }

    /** The filterbank a trainable front end starts from, [n_mels, bins] in float32. */
    public static WeightArray initialFilterbank(FeatureConfig features) {
        double[][] transposed = MelKernels.melMatrix(features);
        int bins = transposed.length;
        int bands = features.nMels();
        float[] values = new float[bands * bins];
        for (int m = 0; m < bands; m++) {
            for (int k = 0; k < bins; k++) {
                values[m * bins + k] = (float) transposed[k][m];
            }
        }
        return new WeightArray(new int[] {bands, bins}, values);
    }
}
