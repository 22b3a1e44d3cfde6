package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.OptimizerConfig;
import org.tagbench.data.Batch;
import org.tagbench.engine.TrainingConventions;
import org.tagbench.model.Architecture;
import org.tagbench.model.ConvBlock;
import org.tagbench.model.ModelSpec;
import org.tagbench.model.WeightLayout;

class Dl4jNetworkTest {
    private static final OptimizerConfig ADAM = OptimizerConfig.adam(0.01);

    @Test
    void withTheMelFrontEndInsideItLearnsFromRawAudio() {
        // 12 kHz, 16 bands, hop 128: 31 hops of audio (0.33 s) make 32 frames.
        FeatureConfig features = ConfigLoader.features(null, List.of("features.n_fft=256", "features.hop_length=128",
                "features.n_mels=16", "features.frontend=network"));
        int samples = 31 * 128;
        ModelSpec spec = Architecture.K2C2.spec(16, 32, 3, new int[] {4, 8, 8, 12, 16});
        Dl4jNetwork network = Dl4jNetwork.build(spec, ADAM, TrainingConventions.DL4J, 7, features, samples);
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
                () -> Dl4jNetwork.build(spec, ADAM, TrainingConventions.DL4J, 7, features, 4000));
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
}
