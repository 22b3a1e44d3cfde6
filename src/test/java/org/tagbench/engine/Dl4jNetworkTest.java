package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WidthSolver;

class Dl4jNetworkTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.adam(0.01);

    @ParameterizedTest(name = "{0} parameters, {1}x{2} input, {3} tags")
    @CsvSource({"20000,96,141,12", "100000,40,63,5", "250000,96,1366,50"})
    void trainableCountEqualsTheSpecsAnalyticCount(long budget, int mels, int frames, int tags) {
        ModelSpec spec = WidthSolver.solve(Architecture.K2C2, budget, mels, frames, tags);
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, 1);
        assertEquals(spec.trainableParams(), network.trainableParams());
    }

    @Test
    void outputsAreProbabilitiesAndAFixedBatchIsLearned() {
        ModelSpec spec = Architecture.K2C2.spec(16, 32, 3, new int[] {4, 8, 8, 12, 16});
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, 7);
        Batch batch = randomBatch(spec, 8, new SplittableRandom(3));
        double first = network.fit(batch);
        double last = first;
        for (int i = 0; i < 60; i++) {
            last = network.fit(batch);
        }
        // Mean BCE per tag starts near ln 2 and falls well below it when the batch is memorised.
        assertTrue(first > 0.4 && first < 1.5, "first loss " + first);
        assertTrue(last < 0.25 * first, "loss went from " + first + " to " + last);
        for (float[] row : network.predict(batch)) {
            assertEquals(3, row.length);
            for (float p : row) {
                assertTrue(p >= 0 && p <= 1, "sigmoid output " + p);
            }
        }
    }

    @Test
    void restoringASnapshotRestoresThePredictions() {
        ModelSpec spec = Architecture.K2C2.spec(16, 32, 3, new int[] {4, 8, 8, 12, 16});
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, 7);
        Batch batch = randomBatch(spec, 4, new SplittableRandom(5));
        var saved = network.snapshot();
        float[][] before = network.predict(batch);
        network.fit(batch);
        network.restore(saved);
        float[][] after = network.predict(batch);
        for (int i = 0; i < before.length; i++) {
            for (int j = 0; j < before[i].length; j++) {
                assertEquals(before[i][j], after[i][j], 1e-6);
            }
        }
    }

    private static Batch randomBatch(ModelSpec spec, int rows, SplittableRandom random) {
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
