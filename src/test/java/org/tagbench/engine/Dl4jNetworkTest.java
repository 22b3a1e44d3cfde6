package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.model.Architecture;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WidthSolver;

class Dl4jNetworkTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.adam(0.01);

    @ParameterizedTest(name = "{0}, {1} parameters, {2}x{3} input, {4} tags")
    @CsvSource({"k2c2,20000,96,141,12", "k2c2,100000,40,63,5", "k2c2,250000,96,1366,50",
            "k1c2,20000,96,141,12", "k1c2,100000,40,63,5", "k1c2,250000,96,1366,50",
            "k2c1,20000,96,141,12", "k2c1,100000,40,63,5", "k2c1,250000,96,1366,50",
            "crnn,20000,96,141,12", "crnn,100000,40,63,5", "crnn,250000,96,1366,50"})
    void trainableCountEqualsTheSpecsAnalyticCount(String arch, long budget, int mels, int frames, int tags) {
        ModelSpec spec = WidthSolver.solve(Architecture.byName(arch).orElseThrow(), budget, mels, frames, tags);
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, 1);
        assertEquals(spec.trainableParams(), network.trainableParams());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"k1c2", "k2c1", "k2c2", "crnn"})
    void outputShapeAndCountMatchTheSpecOnAShortInput(String arch) {
        Architecture a = Architecture.byName(arch).orElseThrow();
        ModelSpec spec = a.spec(16, 37, 3, a.layerWidths(new int[] {2, 3, 4, 5}));
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, 3);
        assertEquals(spec.trainableParams(), network.trainableParams());
        float[][] out = network.predict(randomBatch(spec, 2, new SplittableRandom(1)));
        assertEquals(2, out.length);
        assertEquals(3, out[0].length);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"k1c2", "k2c1", "k2c2", "crnn"})
    void weightsMoveBetweenNetworksInTheEngineNeutralLayout(String arch) {
        Architecture a = Architecture.byName(arch).orElseThrow();
        ModelSpec spec = a.spec(16, 37, 3, a.layerWidths(new int[] {2, 3, 4, 5}));
        Dl4jNetwork trained = Dl4jNetwork.build(spec, ADAM, 3);
        Batch batch = randomBatch(spec, 4, new SplittableRandom(2));
        for (int i = 0; i < 3; i++) {
            trained.fit(batch);
        }
        ModelWeights weights = trained.weights();
        weights.requireLayout(WeightLayout.of(spec));

        Dl4jNetwork other = Dl4jNetwork.build(spec, ADAM, 4);
        other.load(weights);

        assertEquals(weights, other.weights());
        float[][] expected = trained.predict(batch);
        float[][] actual = other.predict(batch);
        for (int i = 0; i < expected.length; i++) {
            assertArrayEquals(expected[i], actual[i], 0f);
        }
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
    void loadingEarlierWeightsRestoresThePredictions() {
        ModelSpec spec = Architecture.K2C2.spec(16, 32, 3, new int[] {4, 8, 8, 12, 16});
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, 7);
        Batch batch = randomBatch(spec, 4, new SplittableRandom(5));
        ModelWeights saved = network.weights();
        float[][] before = network.predict(batch);
        network.fit(batch);
        network.load(saved);
        float[][] after = network.predict(batch);
        for (int i = 0; i < before.length; i++) {
            for (int j = 0; j < before[i].length; j++) {
                assertEquals(before[i][j], after[i][j], 1e-6);
            }
        }
    }

    @Test
    void withTheMelFrontEndInsideItLearnsFromRawAudio() {
        // 12 kHz, 16 bands, hop 128: 31 hops of audio (0.33 s) make 32 frames.
        FeatureConfig features = ConfigLoader.features(null, List.of("features.n_fft=256", "features.hop_length=128",
                "features.n_mels=16", "features.frontend=network"));
        int samples = 31 * 128;
        ModelSpec spec = Architecture.K2C2.spec(16, 32, 3, new int[] {4, 8, 8, 12, 16});
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, 7, features, samples);
        assertEquals(spec.trainableParams(), network.trainableParams());

        Batch batch = toneBatch(8, samples, spec.tags(), new SplittableRandom(11));
        String kernelName = WeightLayout.prefix(spec.layers().indexOf(spec.layersOf(ConvBlock.class).get(0)))
                + "conv.weight";
        float[] before = network.weights().get(kernelName).values();
        double first = network.fit(batch);
        double last = first;
        for (int i = 0; i < 30; i++) {
            last = network.fit(batch);
        }

        assertTrue(last < 0.25 * first, "loss went from " + first + " to " + last);
        // Gradients reach through the front end (which has no parameters) to the first convolution.
        float[] after = network.weights().get(kernelName).values();
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            changed += before[i] != after[i] ? 1 : 0;
        }
        assertEquals(before.length, changed, "kernel weights of the first convolution changed by training");
        assertEquals(8, network.predict(batch).length);
    }

    @Test
    void aFrontEndThatDoesNotMakeTheSpecsInputIsRejected() {
        FeatureConfig features = ConfigLoader.features(null, List.of("features.n_mels=16"));
        ModelSpec spec = Architecture.K2C2.spec(16, 32, 3, new int[] {4, 8, 8, 12, 16});
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Dl4jNetwork.build(spec, ADAM, 7, features, 4000));
        // Hop 256: 1 + 4000 / 256 = 16 frames.
        assertEquals("4000 samples make a 16 x 16 log-mel (n_mels x frames), but the model spec expects 16 x 32",
                wrong.getMessage());
    }

    /** Rows of a tone at a random pitch with noise; labels at random, which the network must memorise. */
    private static Batch toneBatch(int rows, int samples, int tags, SplittableRandom random) {
        float[] audio = new float[rows * samples];
        for (int r = 0; r < rows; r++) {
            double hertz = 200 + 4000 * random.nextDouble();
            for (int i = 0; i < samples; i++) {
                audio[r * samples + i] = (float) (0.5 * Math.sin(2 * Math.PI * hertz * i / 12000.0)
                        + 0.05 * random.nextGaussian());
            }
        }
        float[] labels = new float[rows * tags];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new Batch(audio, labels, rows);
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
