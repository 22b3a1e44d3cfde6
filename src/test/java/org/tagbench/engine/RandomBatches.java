package org.tagbench.engine;

import java.util.SplittableRandom;
import org.tagbench.data.Batch;
import org.tagbench.model.ModelSpec;

/** Batches of standard normal log-mel values with coin-flip labels, which a network can only memorise. */
final class RandomBatches {
    private RandomBatches() {
    }

    /** {@code rows} examples for {@code spec}'s input and tags. */
    static Batch of(ModelSpec spec, int rows, SplittableRandom random) {
        float[] features = new float[rows * spec.melBands() * spec.frames()];
        for (int i = 0; i < features.length; i++) {
            features[i] = (float) random.nextGaussian();
        }
        float[] labels = new float[rows * spec.tags()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new Batch(features, labels, rows);
    }
}
