package org.tagbench.bench;

import java.util.SplittableRandom;
import org.tagbench.data.Batch;
import org.tagbench.model.ModelSpec;

/** Fixed random batches shaped like real input, for timing training steps without a dataset. */
final class RandomBatch {
    private RandomBatch() {
    }

    /**
     * {@code rows} log-mel chunks for {@code spec}, Gaussian around -40 dB with a standard deviation of 20 dB, and
     * labels with about one in ten set; the same every time.
     */
    static Batch of(ModelSpec spec, int rows) {
        SplittableRandom random = new SplittableRandom(1);
        float[] features = new float[rows * spec.melBands() * spec.frames()];
        float[] labels = new float[rows * spec.tags()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) (random.nextGaussian() * 20 - 40);
        }
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextInt(10) == 0 ? 1f : 0f;
        }
        return new Batch(features, labels, rows);
    }
}
