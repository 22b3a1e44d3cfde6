package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.tagbench.data.Batch;
import org.tagbench.model.ModelSpec;

/** Batches every engine's tests train and predict on. */
public final class RandomBatches {
    private RandomBatches() {
    }

    /** Fails unless both networks predicted the same rows within {@code tolerance}. */
    public static void assertPredictionsEqual(float[][] expected, float[][] actual, double tolerance) {
        assertEquals(expected.length, actual.length);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], (float) tolerance, "row " + i);
        }
    }

    /** Gaussian log-mel stand-ins and random 0/1 labels, the same for the same seed. */
    public static Batch randomBatch(ModelSpec spec, int rows, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
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
