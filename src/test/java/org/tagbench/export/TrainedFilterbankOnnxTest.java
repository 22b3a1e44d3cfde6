package org.tagbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.Engine;
import org.tagbench.engine.Network;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.frontend.FrontEndWeights;
import org.tagbench.model.Architecture;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.ModelWeights;
import org.tagbench.model.SigmoidOutput;
import org.tagbench.model.WeightArray;
import org.tagbench.model.WeightSlot;

/**
 * A network whose filterbank trained ({@code features.trainable: true}), and DFT basis too with
 * {@code trainable_dft} (top_db on there), exports to ONNX with the trained arrays as the graph's constants: ONNX
 * Runtime gives the engine's probabilities within 1e-4 after a few Adam steps that moved them, and the same graph
 * with any one of them as it started would not (measured: the basis alone moves them by 1.7e-3, the filterbank by
 * 0.76). ref 0.004 puts this noise's dB near 0, so that the outputs are not all saturated.
 */
class TrainedFilterbankOnnxTest {
    private static final List<String> SETTINGS = List.of("features.sample_rate=8000", "features.n_fft=64",
            "features.hop_length=32", "features.n_mels=8", "features.frontend=network", "features.trainable=true",
            "features.ref=0.004");
    /** 0.1 s at 8 kHz: 33 frames. */
    private static final int CHUNK = 1024;
    private static final int FRAMES = 33;
    private static final List<String> TAGS = List.of("a", "b", "c");

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} trainable_dft {1}")
    @CsvSource({"PYTORCH, false", "DL4J, false", "PYTORCH, true", "DL4J, true"})
    void onnxRuntimeGivesTheEnginesProbabilitiesThroughTheTrainedFrontEnd(EngineName engine, boolean dft)
            throws Exception {
        List<String> settings = new ArrayList<>(SETTINGS);
        if (dft) {
            settings.addAll(List.of("features.trainable_dft=true", "features.top_db=12"));
        }
        FeatureConfig features = ConfigLoader.features(null, settings);
        ModelSpec spec = new ModelSpec(Architecture.K1C2, 8, FRAMES, TAGS.size(), List.of(),
                List.of(new SigmoidOutput(8 * FRAMES, TAGS.size())));
        float[][] audio = {noise(1), noise(2), noise(3)};
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec, OptimizerConfig.adam(1e-3),
                TrainingConventions.PYTORCH, 7, features, CHUNK)) {
            for (int step = 0; step < 3; step++) {
                network.fit(new Batch(flat(new float[][] {noise(10 + step), noise(20 + step)}),
                        new float[] {1, 0, 1, 0, 1, 1}, 2));
            }
            ModelWeights trained = network.weights();
            Path file = dir.resolve("trained.onnx");
            OnnxModelWriter.write(spec, trained, TrainingConventions.PYTORCH, features, TAGS, CHUNK,
                    Map.of(), file);
            float[][] expected = network.predict(new Batch(flat(audio), new float[audio.length * TAGS.size()],
                    audio.length));

            float[][] tags = (float[][]) OnnxRun.outputs(Files.readAllBytes(file), OnnxModelWriter.INPUT, audio)
                    .get(OnnxModelWriter.TAGS);

            for (int i = 0; i < audio.length; i++) {
                assertArrayEquals(expected[i], tags[i], 1e-4f, "example " + i);
            }
            // Each trained array matters: the graph with that one array as it started gives other probabilities.
            Map<String, WeightArray> initial = FrontEndWeights.withInitial(FrontEndWeights.withoutFrontEnd(trained),
                    features).arrays();
            for (WeightSlot slot : FrontEndWeights.slots(features)) {
                Map<String, WeightArray> untrained = new LinkedHashMap<>(trained.arrays());
                untrained.put(slot.name(), initial.get(slot.name()));
                Path before = dir.resolve("untrained.onnx");
                OnnxModelWriter.write(spec, new ModelWeights(untrained), TrainingConventions.PYTORCH,
                        features, TAGS, CHUNK, Map.of(), before);
                float[][] other = (float[][]) OnnxRun.outputs(Files.readAllBytes(before), OnnxModelWriter.INPUT,
                        audio).get(OnnxModelWriter.TAGS);
                double largest = 0;
                for (int i = 0; i < audio.length; i++) {
                    for (int t = 0; t < TAGS.size(); t++) {
                        largest = Math.max(largest, Math.abs(other[i][t] - expected[i][t]));
                    }
                }
                System.out.printf("%s trainable_dft %s: untrained %s changes probabilities by %.2e%n", engine, dft,
                        slot.name(), largest);
                assertTrue(largest > 1e-3, "the untrained " + slot.name() + " gives other probabilities ("
                        + largest + ")");
            }
        }
    }

    private static float[] noise(long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        float[] x = new float[CHUNK];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (0.1 * random.nextGaussian());
        }
        return x;
    }

    private static float[] flat(float[][] rows) {
        float[] out = new float[rows.length * rows[0].length];
        for (int r = 0; r < rows.length; r++) {
            System.arraycopy(rows[r], 0, out, r * rows[r].length, rows[r].length);
        }
        return out;
    }
}
