package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.ConventionsName;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.model.Architecture;
import org.tagbench.model.ArchitectureInputs;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;

/** What every engine's networks must do alike, run on each engine and architecture, and each convention. */
class NetworkContractTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.adam(0.01);
    private static final OptimizerConfig NESTEROV = new OptimizerConfig("sgd", 0.05, 0.9, 0.999, 1e-4, 0.9, true);
    private static final TrainingConventions CONVENTIONS = TrainingConventions.DEFAULT;
    /** Raw-audio input for the front end inside: 12 kHz, 16 bands, hop 128, so 31 hops (0.33 s) make 32 frames. */
    private static final FeatureConfig AUDIO_FEATURES = ConfigLoader.features(null, List.of("features.n_fft=256",
            "features.hop_length=128", "features.n_mels=16", "features.frontend=network"));
    private static final int AUDIO_SAMPLES = 31 * 128;
    private static final int AUDIO_FRAMES = 32;

    static Stream<Arguments> enginesAndConventions() {
        return Arrays.stream(EngineName.values()).flatMap(engine -> Arrays.stream(ConventionsName.values())
                .map(conventions -> Arguments.of(engine, conventions)));
    }

    /** Every engine with every architecture (chains and graphs alike). */
    static Stream<Arguments> enginesAndArchitectures() {
        return Arrays.stream(EngineName.values()).flatMap(engine -> Arrays.stream(Architecture.values())
                .map(arch -> Arguments.of(engine, arch)));
    }

    /** The architectures that eat a log-mel spectrogram (so can have the mel front end inside). */
    static Stream<Arguments> enginesAndMelArchitectures() {
        return enginesAndArchitectures().filter(pair -> !((Architecture) pair.get()[1]).eatsWaveform());
    }

    static Stream<Arguments> enginesArchitecturesAndConventions() {
        return enginesAndArchitectures().flatMap(pair -> Arrays.stream(ConventionsName.values())
                .map(conventions -> Arguments.of(pair.get()[0], pair.get()[1], conventions)));
    }

    /** Every architecture under the default conventions, and the other conventions on k2c2 (training is slow). */
    static Stream<Arguments> enginesArchitecturesOrConventions() {
        return enginesArchitecturesAndConventions().filter(row -> row.get()[2] == ConventionsName.DEFAULT
                || row.get()[1] == Architecture.K2C2);
    }

    static Stream<Arguments> enginesAndBudgets() {
        List<Arguments> cases = new ArrayList<>();
        for (EngineName engine : EngineName.values()) {
            for (Architecture arch : Architecture.values()) {
                cases.add(Arguments.of(engine, arch, 20_000, 96, 141, 12));
                cases.add(Arguments.of(engine, arch, 100_000, 40, 63, 5));
                cases.add(Arguments.of(engine, arch, 250_000, 96, 1366, 50));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}, {2} parameters, {3}x{4} input, {5} tags")
    @MethodSource("enginesAndBudgets")
    void trainableCountEqualsTheSpecsAnalyticCount(EngineName engine, Architecture arch, long budget, int mels,
                                                   int frames, int tags) {
        ModelSpec spec = ArchitectureInputs.solve(arch, budget, mels, frames, tags);
        try (Network network = Engine.named(engine).build(spec, ADAM, CONVENTIONS, 1)) {
            assertEquals(spec.trainableParams(), network.trainableParams());
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("enginesArchitecturesAndConventions")
    void aShortInputGivesOneProbabilityPerTagAndTheLayoutsArrays(EngineName engine, Architecture arch,
                                                                 ConventionsName conventions) {
        ModelSpec spec = smallSpec(arch);
        try (Network network = Engine.named(engine).build(spec, ADAM, TrainingConventions.of(conventions), 3)) {
            float[][] out = network.predict(RandomBatches.randomBatch(spec, 2, 1));
            assertEquals(2, out.length);
            for (float[] row : out) {
                assertEquals(3, row.length);
                for (float p : row) {
                    assertTrue(p > 0 && p < 1, "sigmoid output " + p);
                }
            }
            ModelWeights weights = network.weights();
            weights.requireLayout(WeightLayout.of(spec));
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("enginesArchitecturesOrConventions")
    void aFixedBatchIsLearnedAndOneStepMovesEveryTrainableArray(EngineName engine, Architecture arch,
                                                                ConventionsName conventions) {
        // Wide enough that even the CRNN (3 or 4 GRU units at the small widths) learns a batch within 30 steps. FCN's
        // first group holds conv5, which feeds dropout 0.5 straight into the output layer: it needs 16 channels.
        int[] groups = arch == Architecture.FCN ? new int[] {16, 16, 16, 16} : new int[] {8, 16, 16, 16};
        ModelSpec spec = ArchitectureInputs.spec(arch, 16, 37, 3, groups);
        Batch batch = RandomBatches.randomBatch(spec, 8, 3);
        try (Network network = Engine.named(engine).build(spec, ADAM, TrainingConventions.of(conventions), 7)) {
            ModelWeights before = network.weights();
            double first = network.fit(batch);
            ModelWeights after = network.weights();
            for (WeightSlot slot : WeightLayout.of(spec)) {
                assertTrue(!Arrays.equals(before.get(slot.name()).values(), after.get(slot.name()).values()),
                        slot.name() + " did not change in a training step");
            }
            double last = first;
            for (int i = 0; i < 30; i++) {
                last = network.fit(batch);
            }
            assertTrue(last < 0.5 * first, "loss went from " + first + " to " + last);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndArchitectures")
    void aRateSetAfterASwitchOfOptimizerReachesEveryTrainableArray(EngineName engine, Architecture arch) {
        ModelSpec spec = smallSpec(arch);
        Batch batch = RandomBatches.randomBatch(spec, 4, 2);
        try (Network network = Engine.named(engine).build(spec, ADAM, TrainingConventions.DL4J, 3)) {
            network.fit(batch);
            ModelWeights switched = network.weights();
            network.useOptimizer(NESTEROV.withLr(0.01));
            // At a rate this small a step (with the momentum it builds) moves no weight by a measurable amount.
            for (int i = 0; i < 2; i++) {
                network.setLearningRate(1e-30);
                network.fit(batch);
            }

            ModelWeights after = network.weights();
            for (WeightSlot slot : WeightLayout.of(spec)) {
                if (slot.trainable()) {
                    assertArrayEquals(switched.get(slot.name()).values(), after.get(slot.name()).values(), 1e-6f,
                            slot.name() + " moved at rate 1e-30");
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndArchitectures")
    void weightsMoveBetweenNetworksOfOneEngine(EngineName engine, Architecture arch) {
        ModelSpec spec = smallSpec(arch);
        Batch batch = RandomBatches.randomBatch(spec, 4, 2);
        Engine engines = Engine.named(engine);
        try (Network trained = engines.build(spec, ADAM, CONVENTIONS, 3);
             Network other = engines.build(spec, ADAM, CONVENTIONS, 4)) {
            for (int i = 0; i < 3; i++) {
                trained.fit(batch);
            }
            ModelWeights weights = trained.weights();
            other.load(weights);

            assertEquals(weights, other.weights());
            RandomBatches.assertPredictionsEqual(trained.predict(batch), other.predict(batch), 0);
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndConventions")
    void loadingEarlierWeightsRestoresThePredictions(EngineName engine, ConventionsName conventions) {
        ModelSpec spec = smallSpec(Architecture.K2C2);
        Batch batch = RandomBatches.randomBatch(spec, 4, 5);
        try (Network network = Engine.named(engine).build(spec, ADAM, TrainingConventions.of(conventions), 7)) {
            ModelWeights saved = network.weights();
            float[][] before = network.predict(batch);
            network.fit(batch);
            network.load(saved);
            RandomBatches.assertPredictionsEqual(before, network.predict(batch), 0);
        }
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("enginesArchitecturesOrConventions")
    void aNetworkSavedWithItsOptimizerStateTrainsOnAsIfNeverSaved(EngineName engine, Architecture arch,
                                                                  ConventionsName name) throws IOException {
        TrainingConventions conventions = TrainingConventions.of(name);
        for (OptimizerConfig optimizer : List.of(ADAM, NESTEROV)) {
            ModelSpec spec = smallSpec(arch);
            Engine engines = Engine.named(engine);
            try (Network straight = engines.build(spec, optimizer, conventions, 9);
                 Network saved = engines.build(spec, optimizer, conventions, 9)) {
                double[] expected = steps(straight, spec, 0, 5);
                steps(saved, spec, 0, 2);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                saved.write(out, true);
                try (Network resumed = saved.read(new ByteArrayInputStream(out.toByteArray()))) {
                    double[] after = steps(resumed, spec, 2, 5);
                    for (int i = 2; i < 5; i++) {
                        assertEquals(expected[i], after[i], 1e-6, optimizer.name() + " step " + i);
                    }
                    RandomBatches.assertPredictionsEqual(straight.predict(RandomBatches.randomBatch(spec, 3, 99)),
                            resumed.predict(RandomBatches.randomBatch(spec, 3, 99)), 1e-6);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineName.class)
    void withTheMelFrontEndInsideItLearnsFromRawAudio(EngineName engine) {
        ModelSpec spec = Architecture.K2C2.spec(16, AUDIO_FRAMES, 3, new int[] {4, 8, 8, 12, 16});
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec, ADAM, TrainingConventions.DL4J, 7,
                AUDIO_FEATURES, AUDIO_SAMPLES)) {
            assertEquals(spec.trainableParams(), network.trainableParams());
            Batch batch = toneBatch(8, spec.tags(), new SplittableRandom(11));
            String kernelName = WeightLayout.prefix(spec.layers().indexOf(spec.layersOf(ConvBlock.class).get(0)))
                    + "conv.weight";
            float[] before = network.weights().get(kernelName).values();
            double first = network.fit(batch);
            double last = first;
            for (int i = 0; i < 30; i++) {
                last = network.fit(batch);
            }

            assertTrue(last < 0.25 * first, "loss went from " + first + " to " + last);
            // Training reaches the first convolution behind the front end (which has no parameters).
            float[] after = network.weights().get(kernelName).values();
            int changed = 0;
            for (int i = 0; i < before.length; i++) {
                changed += before[i] != after[i] ? 1 : 0;
            }
            assertEquals(before.length, changed, "kernel weights of the first convolution changed by training");
            assertEquals(8, network.predict(batch).length);
        }
    }

    /**
     * A network fed audio predicts what a network fed the CPU path's log-mel predicts with the same weights (after
     * training steps on audio, so batch normalization's statistics have moved too), and so does its saved copy.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndMelArchitectures")
    void withTheMelFrontEndInsideItPredictsWhatTheCpuLogMelGives(EngineName engine, Architecture arch)
            throws IOException {
        ModelSpec spec = arch.spec(16, AUDIO_FRAMES, 3, arch.layerWidths(new int[] {2, 3, 4, 5}));
        Engine engines = Engine.named(engine);
        Batch audio = toneBatch(4, spec.tags(), new SplittableRandom(5));
        MelSpectrogram cpu = new MelSpectrogram(AUDIO_FEATURES);
        float[] logMel = new float[audio.rows() * spec.melBands() * spec.frames()];
        for (int r = 0; r < audio.rows(); r++) {
            float[] mel = cpu.compute(audio.features(), r * AUDIO_SAMPLES, AUDIO_SAMPLES);
            System.arraycopy(mel, 0, logMel, r * mel.length, mel.length);
        }
        try (Network fedAudio = engines.buildWithFrontEnd(spec, ADAM, CONVENTIONS, 3, AUDIO_FEATURES, AUDIO_SAMPLES);
             Network fedLogMel = engines.build(spec, ADAM, CONVENTIONS, 4)) {
            for (int i = 0; i < 3; i++) {
                fedAudio.fit(toneBatch(4, spec.tags(), new SplittableRandom(20 + i)));
            }
            fedLogMel.load(fedAudio.weights());
            float[][] expected = fedLogMel.predict(new Batch(logMel, audio.labels(), audio.rows()));
            RandomBatches.assertPredictionsEqual(expected, fedAudio.predict(audio), 1e-4);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            fedAudio.write(out, false);
            try (Network restored = fedAudio.read(new ByteArrayInputStream(out.toByteArray()))) {
                RandomBatches.assertPredictionsEqual(expected, restored.predict(audio), 1e-4);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(EngineName.class)
    void aFrontEndThatDoesNotMakeTheSpecsInputIsRejected(EngineName engine) {
        FeatureConfig features = ConfigLoader.features(null, List.of("features.n_mels=16"));
        ModelSpec spec = Architecture.K2C2.spec(16, 32, 3, new int[] {4, 8, 8, 12, 16});
        IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
                () -> Engine.named(engine).buildWithFrontEnd(spec, ADAM, TrainingConventions.DL4J, 7, features, 4000));
        // Hop 256: 1 + 4000 / 256 = 16 frames.
        assertEquals("4000 samples make a 16 x 16 log-mel (n_mels x frames), but the model spec expects 16 x 32",
                wrong.getMessage());
    }

    /** Rows of a tone at a random pitch with noise; labels at random, which a network must memorise. */
    private static Batch toneBatch(int rows, int tags, SplittableRandom random) {
        float[] audio = new float[rows * AUDIO_SAMPLES];
        for (int r = 0; r < rows; r++) {
            double hertz = 200 + 4000 * random.nextDouble();
            for (int i = 0; i < AUDIO_SAMPLES; i++) {
                audio[r * AUDIO_SAMPLES + i] = (float) (0.5 * Math.sin(2 * Math.PI * hertz * i / 12000.0)
                        + 0.05 * random.nextGaussian());
            }
        }
        float[] labels = new float[rows * tags];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new Batch(audio, labels, rows);
    }

    /** Trains steps {@code from} (inclusive) to {@code to} on batches seeded by the step, as the trainer does. */
    private static double[] steps(Network network, ModelSpec spec, int from, int to) {
        double[] losses = new double[to];
        for (int step = from; step < to; step++) {
            network.seedStep(1000 + step);
            losses[step] = network.fit(RandomBatches.randomBatch(spec, 4, step));
        }
        return losses;
    }

    private static ModelSpec smallSpec(Architecture arch) {
        return ArchitectureInputs.spec(arch, 16, 37, 3, new int[] {2, 3, 4, 5});
    }
}
