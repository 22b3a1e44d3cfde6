package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.tagbench.engine.ConventionsGolden.doubles;
import static org.tagbench.engine.ConventionsGolden.floats;
import static org.tagbench.engine.RandomBatches.assertPredictionsEqual;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightLayout;
import org.tagbench.model.WeightSlot;

/**
 * {@code features.trainable: true} on both engines: the filterbank starts as torchaudio's, one step's gradient of it
 * (with top_db too, and of the DFT basis with {@code trainable_dft}) is the float64 torch twin's
 * (scripts/trainable_frontend_golden.py), it is counted, saved and resumed exactly, and moves between engines in the
 * weight layout as {@value FrontEndWeights#MEL_FILTERBANK} (and {@value FrontEndWeights#DFT_BASIS}).
 */
class TrainableFrontEndTest {
    private static final JsonNode GOLDEN = golden();

    /**
     * One plain SGD step at the golden's rate gives a trained array's gradient back as (before - after) / lr: the
     * filterbank's in every case, and in the trainable_dft cases the DFT basis's from a second network stepped at the
     * basis's own rate (one rate cannot read both, their gradients differ by ~1e6 relative to their values). With
     * top_db, about a tenth of the log-mel values are clamped, so the clamp's gradient is exercised; power 1
     * (magnitudes) takes its own path through the basis. Allowed: 1e-4 of
     * the largest gradient (float32 log-mels and outputs; the update's own rounding is 1e-6 of it), and 1e-5 of the
     * loss. The arrays start within 1e-9 of torchaudio's Slaney filterbank (its values reach 3.7e-3) and of the
     * golden's basis (the script checks it against torch.stft).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PYTORCH, db", "PYTORCH, log1p", "PYTORCH, db-top_db", "PYTORCH, db-dft", "PYTORCH, db-top_db-dft",
            "PYTORCH, db-dft-magnitude", "DL4J, db", "DL4J, log1p", "DL4J, db-top_db", "DL4J, db-dft",
            "DL4J, db-top_db-dft", "DL4J, db-dft-magnitude"})
    void oneStepsGradientsAreTheTorchTwins(EngineName engine, String name) {
        JsonNode expected = GOLDEN.get("cases").get(name);
        FeatureConfig features = features(expected);
        float[] bank = floats(GOLDEN.get("initial_filterbank"));
        float[] after = oneStep(engine, features, expected, expected.get("lr").asDouble(),
                FrontEndWeights.MEL_FILTERBANK);
        assertGradient(doubles(expected.get("filterbank_gradient")), bank, after, expected.get("lr").asDouble(),
                engine + " " + name + " filterbank");
        if (features.trainableDft()) {
            double lr = expected.get("dft_lr").asDouble();
            float[] basis = floats(GOLDEN.get("initial_dft_basis"));
            assertGradient(doubles(expected.get("dft_basis_gradient")), basis,
                    oneStep(engine, features, expected, lr, FrontEndWeights.DFT_BASIS), lr,
                    engine + " " + name + " DFT basis");
        }
    }

    /**
     * The values of {@code array} after one plain SGD step at {@code lr} from the golden's weights on its batch, the
     * start and the loss checked against the golden's.
     */
    private static float[] oneStep(EngineName engine, FeatureConfig features, JsonNode expected, double lr,
                                   String array) {
        ModelSpec spec = spec();
        OptimizerConfig sgd = new OptimizerConfig("sgd", lr, 0.9, 0.999, 0, 0, false);
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec, sgd, TrainingConventions.PYTORCH, 1,
                features, GOLDEN.get("samples").asInt())) {
            ModelWeights start = network.weights();
            assertStart(GOLDEN.get("initial_filterbank"), start.get(FrontEndWeights.MEL_FILTERBANK), "filterbank");
            Map<String, WeightArray> arrays = new LinkedHashMap<>();
            for (WeightSlot slot : WeightLayout.of(spec)) {
                arrays.put(slot.name(), new WeightArray(slot.shape(), floats(expected.get("weights").get(slot.name()))));
            }
            arrays.put(FrontEndWeights.MEL_FILTERBANK, new WeightArray(
                    start.get(FrontEndWeights.MEL_FILTERBANK).shape(), floats(GOLDEN.get("initial_filterbank"))));
            if (features.trainableDft()) {
                assertStart(GOLDEN.get("initial_dft_basis"), start.get(FrontEndWeights.DFT_BASIS), "DFT basis");
                arrays.put(FrontEndWeights.DFT_BASIS, new WeightArray(start.get(FrontEndWeights.DFT_BASIS).shape(),
                        floats(GOLDEN.get("initial_dft_basis"))));
            }
            network.load(new ModelWeights(arrays));

            double loss = network.fit(goldenBatch());

            assertEquals(expected.get("loss").asDouble(), loss, 1e-5 * expected.get("loss").asDouble(), "loss");
            return network.weights().get(array).values();
        }
    }

    private static void assertStart(JsonNode golden, WeightArray start, String what) {
        double[] expected = doubles(golden);
        float[] values = start.values();
        assertEquals(expected.length, values.length, what);
        for (int i = 0; i < values.length; i++) {
            assertEquals(expected[i], values[i], 1e-9, "initial " + what + "[" + i + "]");
        }
    }

    private static void assertGradient(double[] gradient, float[] before, float[] after, double lr, String what) {
        double largest = 0;
        for (double g : gradient) {
            largest = Math.max(largest, Math.abs(g));
        }
        for (int i = 0; i < gradient.length; i++) {
            assertEquals(gradient[i], ((double) before[i] - after[i]) / lr, 1e-4 * largest, what + " gradient[" + i
                    + "]");
        }
    }

    /**
     * The filterbank counts: n_mels x (n_fft/2 + 1) = 8 x 33 on top of the spec's, and the DFT basis n_fft x 2 bins =
     * 64 x 66 with trainable_dft; they are the layout's last arrays, are saved with the optimizer's state, and a
     * network read back takes the very next step the original takes.
     */
    @ParameterizedTest(name = "{0} trainable_dft {1}")
    @CsvSource({"PYTORCH, false", "PYTORCH, true", "DL4J, false", "DL4J, true"})
    void theFrontEndIsCountedSavedAndResumedExactly(EngineName engine, boolean dft) throws IOException {
        FeatureConfig features = features("db", List.of("features.trainable_dft=" + dft));
        ModelSpec spec = spec();
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec, OptimizerConfig.adam(1e-3),
                TrainingConventions.PYTORCH, 3, features, GOLDEN.get("samples").asInt())) {
            long frontEnd = 8 * 33 + (dft ? 64 * 66 : 0);
            assertEquals(spec.trainableParams() + frontEnd, network.trainableParams());
            assertEquals(frontEnd, FrontEndWeights.params(features));
            List<String> names = List.copyOf(network.weights().arrays().keySet());
            List<String> last = dft ? List.of(FrontEndWeights.MEL_FILTERBANK, FrontEndWeights.DFT_BASIS)
                    : List.of(FrontEndWeights.MEL_FILTERBANK);
            assertEquals(last, names.subList(names.size() - last.size(), names.size()));
            network.fit(randomAudio(2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            network.write(out, true);
            try (Network resumed = network.read(new ByteArrayInputStream(out.toByteArray()))) {
                assertEquals(network.weights(), resumed.weights());
                Batch next = randomAudio(3);
                network.fit(next);
                resumed.fit(next);
                float[] trained = network.weights().get(FrontEndWeights.MEL_FILTERBANK).values();
                assertArrayEquals(trained, resumed.weights().get(FrontEndWeights.MEL_FILTERBANK).values());
                assertEquals(network.weights(), resumed.weights());
                float[] start = FrontEndWeights.initialFilterbank(features).values();
                assertFalse(Arrays.equals(start, trained), "two Adam steps moved the filterbank");
                if (dft) {
                    assertFalse(Arrays.equals(FrontEndWeights.initialDftBasis(features).values(),
                            network.weights().get(FrontEndWeights.DFT_BASIS).values()), "and the DFT basis");
                }
            }
        }
    }

    /**
     * Digital silence (a chunk of zeros: every spectrum value exactly 0) with magnitudes (power 1) and a trainable
     * basis: the square root's slope at 0 is infinite, yet one step leaves every front-end value finite on both
     * engines, and the non-silent rows still move the basis.
     */
    @ParameterizedTest
    @CsvSource({"PYTORCH", "DL4J"})
    void silenceLeavesTheGradientsFinite(EngineName engine) {
        FeatureConfig features = features("db", List.of("features.power=1", "features.trainable_dft=true",
                "features.top_db=40"));
        Batch noisy = randomAudio(4);
        float[] audio = noisy.features();
        Arrays.fill(audio, 0, GOLDEN.get("samples").asInt(), 0f);
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec(), OptimizerConfig.adam(1e-3),
                TrainingConventions.PYTORCH, 3, features, GOLDEN.get("samples").asInt())) {
            network.fit(new Batch(audio, noisy.labels(), noisy.rows()));
            for (String name : List.of(FrontEndWeights.MEL_FILTERBANK, FrontEndWeights.DFT_BASIS)) {
                for (float value : network.weights().get(name).values()) {
                    assertTrue(Float.isFinite(value), engine + " " + name + " holds " + value);
                }
            }
            assertFalse(Arrays.equals(FrontEndWeights.initialDftBasis(features).values(),
                    network.weights().get(FrontEndWeights.DFT_BASIS).values()), "the step moved the basis");
        }
    }

    /**
     * A filterbank (and DFT basis) trained on one engine, moved through the layout, gives the same outputs on the
     * other, top_db on.
     */
    @ParameterizedTest(name = "from {0} to {1} trainable_dft {2}")
    @CsvSource({"DL4J, PYTORCH, false", "PYTORCH, DL4J, false", "DL4J, PYTORCH, true", "PYTORCH, DL4J, true"})
    void aTrainedFrontEndMovesBetweenEngines(EngineName from, EngineName to, boolean dft) {
        FeatureConfig features = features("db", List.of("features.top_db=12", "features.trainable_dft=" + dft));
        ModelSpec spec = spec();
        int samples = GOLDEN.get("samples").asInt();
        try (Network source = Engine.named(from).buildWithFrontEnd(spec, OptimizerConfig.adam(1e-3),
                TrainingConventions.PYTORCH, 5, features, samples);
             Network target = Engine.named(to).buildWithFrontEnd(spec, OptimizerConfig.adam(1e-3),
                     TrainingConventions.PYTORCH, 6, features, samples)) {
            for (int step = 0; step < 3; step++) {
                source.fit(randomAudio(step));
            }
            target.load(source.weights());
            Batch batch = randomAudio(11);
            assertPredictionsEqual(source.predict(batch), target.predict(batch), 1e-5);
        }
    }

    /** The golden's settings, the front end inside the network with its filterbank trainable. */
    static FeatureConfig features(String scale) {
        return features(scale, List.of());
    }

    /** The golden's settings with a case's scale, top_db and trainable DFT basis. */
    private static FeatureConfig features(JsonNode goldenCase) {
        List<String> more = new ArrayList<>();
        if (!goldenCase.get("top_db").isNull()) {
            more.add("features.top_db=" + goldenCase.get("top_db").asDouble());
        }
        more.add("features.trainable_dft=" + goldenCase.get("trainable_dft").asBoolean());
        more.add("features.power=" + goldenCase.get("power").asInt());
        return features(goldenCase.get("scale").asText(), more);
    }

    private static FeatureConfig features(String scale, List<String> more) {
        JsonNode f = GOLDEN.get("features");
        List<String> overrides = new ArrayList<>(List.of("features.sample_rate=" + f.get("sample_rate").asInt(),
                "features.n_fft=" + f.get("n_fft").asInt(), "features.hop_length=" + f.get("hop_length").asInt(),
                "features.n_mels=" + f.get("n_mels").asInt(), "features.scale=" + scale,
                "features.frontend=network", "features.trainable=true"));
        overrides.addAll(more);
        return ConfigLoader.features(null, overrides);
    }

    /** The golden's network after the front end: the output layer on the flattened log-mel. */
    private static ModelSpec spec() {
        int mels = GOLDEN.get("features").get("n_mels").asInt();
        int frames = GOLDEN.get("frames").asInt();
        int tags = GOLDEN.get("tags").asInt();
        return new ModelSpec(Architecture.K1C2, mels, frames, tags, List.of(),
                List.of(new SigmoidOutput(mels * frames, tags)));
    }

    private static Batch goldenBatch() {
        return new Batch(floats(GOLDEN.get("signals")), floats(GOLDEN.get("labels")), GOLDEN.get("rows").asInt());
    }

    /** Three rows of quiet Gaussian noise and random labels, the same for the same seed. */
    private static Batch randomAudio(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        int rows = 3;
        float[] audio = new float[rows * GOLDEN.get("samples").asInt()];
        for (int i = 0; i < audio.length; i++) {
            audio[i] = (float) (0.1 * random.nextGaussian());
        }
        float[] labels = new float[rows * GOLDEN.get("tags").asInt()];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new Batch(audio, labels, rows);
    }

    private static JsonNode golden() {
        try (InputStream in = TrainableFrontEndTest.class.getResourceAsStream(
                "/engine/trainable-frontend-golden.json")) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
