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
 * weight on frequency bin k), starting as {@link MelKernels#melMatrix} makes it; with {@code trainable_dft} also
 * {@value #DFT_BASIS} [n_fft, 2 (n_fft/2 + 1)], starting as {@link MelKernels#dftBasis} makes it (window folded in,
 * real columns then imaginary ones). They come after the spec's arrays in a network's weights, its checkpoints and a
 * bundle's weights.npz; a fixed front end has none.
 */
public final class FrontEndWeights {
    /** The layout name of the trainable mel filterbank. */
    public static final String MEL_FILTERBANK = "frontend.mel_filterbank";
    /** The layout name of the trainable DFT basis. */
    public static final String DFT_BASIS = "frontend.dft_basis";

    private FrontEndWeights() {
    }

    /**
     * The front end's arrays under {@code features}: the filterbank when trainable, then the DFT basis if it
     * trains.
     */
    public static List<WeightSlot> slots(FeatureConfig features) {
        List<WeightSlot> slots = new ArrayList<>();
        int bins = features.nFft() / 2 + 1;
        if (features.trainable()) {
            slots.add(new WeightSlot(MEL_FILTERBANK, new int[] {features.nMels(), bins}, WeightRole.MEL_FILTERBANK));
        }
        if (features.trainableDft()) {
            slots.add(new WeightSlot(DFT_BASIS, new int[] {features.nFft(), 2 * bins}, WeightRole.DFT_BASIS));
        }
        return List.copyOf(slots);
    }

    /** The whole layout of a network of {@code spec} eating input through a front end of {@code features}. */
    public static List<WeightSlot> layout(ModelSpec spec, FeatureConfig features) {
        List<WeightSlot> all = new ArrayList<>(WeightLayout.of(spec));
        all.addAll(slots(features));
        return List.copyOf(all);
    }

    /** Trainable values the front end adds to the spec's count: its arrays' sizes, or 0 when fixed. */
    public static long params(FeatureConfig features) {
        return slots(features).stream().mapToLong(WeightSlot::size).sum();
    }

    /** {@code spec}'s weights followed by the front end's starting arrays (nothing added when it is fixed). */
    public static ModelWeights withInitial(ModelWeights spec, FeatureConfig features) {
        if (!features.trainable()) {
            return spec;
        }
        Map<String, WeightArray> all = new LinkedHashMap<>(spec.arrays());
        all.put(MEL_FILTERBANK, initialFilterbank(features));
        if (features.trainableDft()) {
            all.put(DFT_BASIS, initialDftBasis(features));
        }
        return new ModelWeights(all);
    }

    /** {@code all} without the front end's arrays: the spec's layout alone. */
    public static ModelWeights withoutFrontEnd(ModelWeights all) {
        Map<String, WeightArray> spec = new LinkedHashMap<>(all.arrays());
        spec.remove(MEL_FILTERBANK);
        spec.remove(DFT_BASIS);
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
        double[][] bank = matrix(weights.get(MEL_FILTERBANK));
        double[][] transposed = new double[bank[0].length][bank.length];
        for (int m = 0; m < bank.length; m++) {
            for (int k = 0; k < bank[m].length; k++) {
                transposed[k][m] = bank[m][k];
            }
        }
        return transposed;
    }

    /**
     * The DFT basis a front end of {@code features} multiplies frames by, as {@link MelKernels#dftBasis} gives it
     * ([n_fft][2 bins]): the trained one in {@code weights} when {@code trainable_dft}, else the settings' own.
     */
    public static double[][] dftBasis(FeatureConfig features, ModelWeights weights) {
        return features.trainableDft() ? matrix(weights.get(DFT_BASIS)) : MelKernels.dftBasis(features);
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

    /** The DFT basis a {@code trainable_dft} front end starts from, [n_fft, 2 bins] in float32. */
    public static WeightArray initialDftBasis(FeatureConfig features) {
        double[][] basis = MelKernels.dftBasis(features);
        int columns = basis[0].length;
        float[] values = new float[basis.length * columns];
        for (int n = 0; n < basis.length; n++) {
            for (int c = 0; c < columns; c++) {
                values[n * columns + c] = (float) basis[n][c];
            }
        }
        return new WeightArray(new int[] {basis.length, columns}, values);
    }

    /** A two-dimensional array's float32 values widened, row-major as stored. */
    private static double[][] matrix(WeightArray array) {
        int rows = array.shape()[0];
        int columns = array.shape()[1];
        float[] values = array.values();
        double[][] out = new double[rows][columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                out[r][c] = values[r * columns + c];
            }
        }
        return out;
    }
}
