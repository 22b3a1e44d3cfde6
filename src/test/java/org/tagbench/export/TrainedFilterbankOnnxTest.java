package org.tagbench.export;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

/**
 * A network whose filterbank trained ({@code features.trainable: true}) exports to ONNX with the trained filterbank as
 * the graph's constant: ONNX Runtime gives the engine's probabilities within 1e-4 after a few steps that moved it,
 * and the same graph with the untrained filterbank would not.
 */
class TrainedFilterbankOnnxTest {
    private static final FeatureConfig FEATURES = ConfigLoader.features(null, List.of("features.sample_rate=8000",
            "features.n_fft=64", "features.hop_length=32", "features.n_mels=8", "features.frontend=network",
            "features.trainable=true"));
    /** 0.1 s at 8 kHz: 33 frames. */
    private static final int CHUNK = 1024;
    private static final int FRAMES = 33;
    private static final List<String> TAGS = List.of("a", "b", "c");

    @TempDir
    Path dir;

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void onnxRuntimeGivesTheEnginesProbabilitiesThroughTheTrainedFilterbank(EngineName engine) throws Exception {
        ModelSpec spec = new ModelSpec(Architecture.K1C2, 8, FRAMES, TAGS.size(), List.of(),
                List.of(new SigmoidOutput(8 * FRAMES, TAGS.size())));
        float[][] audio = {noise(1), noise(2), noise(3)};
        try (Network network = Engine.named(engine).buildWithFrontEnd(spec, OptimizerConfig.adam(1e-4),
                TrainingConventions.PYTORCH, 7, FEATURES, CHUNK)) {
            for (int step = 0; step < 3; step++) {
                network.fit(new Batch(flat(new float[][] {noise(10 + step), noise(20 + step)}),
                        new float[] {1, 0, 1, 0, 1, 1}, 2));
            }
            ModelWeights trained = network.weights();
            Path file = dir.resolve("trained.onnx");
            OnnxModelWriter.write(spec, trained, TrainingConventions.PYTORCH, FEATURES, TAGS, CHUNK,
                    Map.of(), file);
            float[][] expected = network.predict(new Batch(flat(audio), new float[audio.length * TAGS.size()],
                    audio.length));

            float[][] tags = (float[][]) OnnxRun.outputs(Files.readAllBytes(file), OnnxModelWriter.INPUT, audio)
                    .get(OnnxModelWriter.TAGS);

            for (int i = 0; i < audio.length; i++) {
                assertArrayEquals(expected[i], tags[i], 1e-4f, "example " + i);
            }
            Map<String, WeightArray> untrained = new LinkedHashMap<>(trained.arrays());
            untrained.put(FrontEndWeights.MEL_FILTERBANK, FrontEndWeights.initialFilterbank(FEATURES));
            Path before = dir.resolve("untrained.onnx");
            OnnxModelWriter.write(spec, new ModelWeights(untrained), TrainingConventions.PYTORCH,
                    FEATURES, TAGS, CHUNK, Map.of(), before);
            float[][] other = (float[][]) OnnxRun.outputs(Files.readAllBytes(before), OnnxModelWriter.INPUT, audio)
                    .get(OnnxModelWriter.TAGS);
            double largest = 0;
            for (int i = 0; i < audio.length; i++) {
                for (int t = 0; t < TAGS.size(); t++) {
                    largest = Math.max(largest, Math.abs(other[i][t] - expected[i][t]));
                }
            }
            assertTrue(largest > 1e-3, "the untrained filterbank gives other probabilities (" + largest + ")");
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
