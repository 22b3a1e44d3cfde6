package org.tagbench.engine.dl4j;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.engine.DeviceMel;
import org.tagbench.engine.Engine;
import org.tagbench.frontend.MelSpectrogram;

/** The engine contract's device log-mel on DL4J: each signal's log-mel as the CPU path lays it out and computes it. */
class Dl4jDeviceMelTest {

    @Test
    void eachSignalGetsTheCpuPathsLogMelInItsLayout() {
        FeatureConfig features = ConfigLoader.features(null, List.of("features.top_db=80"));
        float[][] signals = new float[3][5000];
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 5000; i++) {
            signals[0][i] = (float) (0.5 * Math.sin(2 * Math.PI * 440 * i / 12000.0));
            signals[1][i] = (float) (0.2 * random.nextGaussian());
            double t = i / 12000.0;
            signals[2][i] = (float) (0.3 * Math.sin(2 * Math.PI * (100 * t + 400 * t * t)));
        }
        MelSpectrogram cpu = new MelSpectrogram(features);
        try (DeviceMel device = Engine.named(EngineName.DL4J).deviceMel(features, signals)) {
            assertEquals("ND4J", device.library());
            float[][] computed = device.compute();
            assertEquals(3, computed.length);
            for (int b = 0; b < 3; b++) {
                // Float32 against the CPU path's float64: within DeviceMelSpectrogramTest's quiet-bin margin.
                assertArrayEquals(cpu.compute(signals[b]), computed[b], 0.5f, "signal " + b);
            }
            assertArrayEquals(computed[1], device.compute()[1], 0f, "the held signals are computed again alike");
        }
    }
}
