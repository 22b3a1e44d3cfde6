package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;
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
 * is the float64 torch twin's (scripts/trainable_frontend_golden.py), it is counted, saved and resumed exactly, and
 * moves between engines in the weight layout as {@value FrontEndWeights#MEL_FILTERBANK}.
 */
class TrainableFrontEndTest {
    private static final JsonNode GOLDEN = golden();

    /**
     * One plain SGD step at the golden's rate gives the gradient back as (before - after) / lr. Allowed: 1e-4 of the
     * largest gradient (float32 log-mels and outputs; the update's own rounding is 1e-6 of it), and 1e-5 of the loss.
     * The filterbank starts within 1e-9 of torchaudio's Slaney filterbank (its values reach 3.7e-3).
     */
    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"PYTORCH, db", "PYTORCH, log1p", "DL4J, db", "DL4J, log1p"})
    void oneStepsFilterbankGradientIsTheTorchTwins(EngineName engine, String scale) {
        JsonNode expected = GOLDEN.get("cases").get(scale);
        FeatureConfig features = features(scale);
        ModelSpec spec = spec();
        double lr = expected.get("lr").asDouble();
        OptimizerConfig sgd = new OptimizerConfig("sgd", lr, 0.9, 0.999, 0, 0, false);
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec, sgd, TrainingConventions.PYTORCH, 1,
                features, GOLDEN.get("samples").asInt())) {
            float[] initial = network.weights().get(FrontEndWeights.MEL_FILTERBANK).values();
            double[] torchaudio = doubles(GOLDEN.get("initial_filterbank"));
            for (int i = 0; i < initial.length; i++) {
                assertEquals(torchaudio[i], initial[i], 1e-9, "initial filterbank[" + i + "]");
            }
            Map<String, WeightArray> arrays = new LinkedHashMap<>();
            for (WeightSlot slot : WeightLayout.of(spec)) {
                arrays.put(slot.name(), new WeightArray(slot.shape(), floats(expected.get("weights").get(slot.name()))));
            }
            int[] bankShape = network.weights().get(FrontEndWeights.MEL_FILTERBANK).shape();
            float[] bank = floats(GOLDEN.get("initial_filterbank"));
            arrays.put(FrontEndWeights.MEL_FILTERBANK, new WeightArray(bankShape, bank));
            network.load(new ModelWeights(arrays));

            double loss = network.fit(goldenBatch());

            assertEquals(expected.get("loss").asDouble(), loss, 1e-5 * expected.get("loss").asDouble(), "loss");
            float[] after = network.weights().get(FrontEndWeights.MEL_FILTERBANK).values();
            double[] gradient = doubles(expected.get("filterbank_gradient"));
            double largest = 0;
            for (double g : gradient) {
                largest = Math.max(largest, Math.abs(g));
            }
            for (int i = 0; i < gradient.length; i++) {
                assertEquals(gradient[i], ((double) bank[i] - after[i]) / lr, 1e-4 * largest,
                        engine + " " + scale + " filterbank gradient[" + i + "]");
            }
        }
    }

    /**
     * The filterbank counts: n_mels x (n_fft/2 + 1) = 8 x 33 on top of the spec's; it is the layout's last array, is
     * saved with the optimizer's state, and a network read back takes the very next step the original takes.
     */
    @ParameterizedTest
    @EnumSource(EngineName.class)
    void theFilterbankIsCountedSavedAndResumedExactly(EngineName engine) throws IOException {
        FeatureConfig features = features("db");
        ModelSpec spec = spec();
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec, OptimizerConfig.adam(1e-3),
                TrainingConventions.PYTORCH, 3, features, GOLDEN.get("samples").asInt())) {
            assertEquals(spec.trainableParams() + 8 * 33, network.trainableParams());
            assertEquals(FrontEndWeights.params(features), 8 * 33);
            List<String> names = List.copyOf(network.weights().arrays().keySet());
            assertEquals(FrontEndWeights.MEL_FILTERBANK, names.get(names.size() - 1));
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
            }
        }
    }

    /** A filterbank trained on one engine, moved through the layout, gives the same outputs on the other. */
    @ParameterizedTest(name = "from {0} to {1}")
    @CsvSource({"DL4J, PYTORCH", "PYTORCH, DL4J"})
    void aTrainedFilterbankMovesBetweenEngines(EngineName from, EngineName to) {
        FeatureConfig features = features("db");
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
        JsonNode f = GOLDEN.get("features");
        return ConfigLoader.features(null, List.of("features.sample_rate=" + f.get("sample_rate").asInt(),
                "features.n_fft=" + f.get("n_fft").asInt(), "features.hop_length=" + f.get("hop_length").asInt(),
                "features.n_mels=" + f.get("n_mels").asInt(), "features.scale=" + scale,
                "features.frontend=network", "features.trainable=true"));
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
