package org.tagbench.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.WeightArray;

/**
 * What the DFT basis figure draws, against known answers: a Hann-windowed DFT basis answers each bin's own frequency
 * k sr / n_fft and has not moved; swapping one bin's kernels for another's moves its answer to that bin's frequency,
 * by sqrt(2) of its norm (distinct Hann-windowed bins more than two apart are orthogonal, with equal norms).
 */
class DftBasisPlotTest {
    private static final FeatureConfig FEATURES = ConfigLoader.features(null, List.of("features.sample_rate=8000",
            "features.n_fft=256", "features.hop_length=128", "features.frontend=network", "features.trainable=true",
            "features.trainable_dft=true"));

    @Test
    void theStartingBasisAnswersEachBinsOwnFrequencyAndHasNotMoved() {
        WeightArray start = FrontEndWeights.initialDftBasis(FEATURES);

        double[] own = new double[129];
        for (int k = 0; k < own.length; k++) {
            own[k] = k * 8000.0 / 256;
        }
        assertArrayEquals(own, DftBasisPlot.peakHz(FEATURES, start), 1e-9);
        assertArrayEquals(new double[129], DftBasisPlot.change(start, start), 0);
    }

    @Test
    void aBinGivenAnotherBinsKernelsAnswersThatBinsFrequency() {
        WeightArray start = FrontEndWeights.initialDftBasis(FEATURES);
        float[] values = start.values().clone();
        int columns = 2 * 129;
        for (int n = 0; n < 256; n++) {
            values[n * columns + 10] = values[n * columns + 30];
            values[n * columns + 129 + 10] = values[n * columns + 129 + 30];
        }
        WeightArray swapped = new WeightArray(start.shape(), values);

        assertEquals(30 * 8000.0 / 256, DftBasisPlot.peakHz(FEATURES, swapped)[10], 1e-9);
        assertEquals(11 * 8000.0 / 256, DftBasisPlot.peakHz(FEATURES, swapped)[11], 1e-9);
        double[] moved = DftBasisPlot.change(start, swapped);
        assertEquals(Math.sqrt(2), moved[10], 1e-6);
        assertEquals(0, moved[11]);
        assertEquals(2, DftBasisPlot.of(FEATURES, swapped).panels().size());
    }
}
