package org.tagbench.engine;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.EngineName;
import org.tagbench.config.FeatureConfig;
import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.frontend.MelSpectrogramTest;

/**
 * The engine contract's device log-mel, on each engine: each signal's log-mel as the CPU path lays it out and
 * computes it, for every golden setting of the mel front end (scripts/mel_golden.py: the defaults and one setting per
 * README {@code features} option, its signals as one batch). Float32 on the device against the CPU path's float64
 * (itself within 1e-3 dB of the goldens): dB values above {@value #QUIET_DB} dB within {@value #DB_TOLERANCE} dB, and
 * those below stay below {@value #QUIET_CEILING_DB} dB; linear values judged the same way in dB; log1p values within
 * {@value #LOG1P_TOLERANCE}, which is 1e-3 dB of 1 + C·x.
 */
class DeviceMelTest {
    private static final double DB_TOLERANCE = 1e-3;
    private static final double QUIET_DB = -60;
    /** A float32 DFT cannot resolve bins ~130 dB below a clip's loudest: these read as float32 rounding noise. */
    private static final double QUIET_CEILING_DB = -50;
    private static final double LOG1P_TOLERANCE = 1e-4;

    static Stream<Arguments> enginesAndSettings() throws IOException {
        List<JsonNode> settings = MelSpectrogramTest.settings().toList();
        return Arrays.stream(EngineName.values()).flatMap(engine -> settings.stream()
                .map(s -> Arguments.of(engine, s.get("name").asText(), s)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("enginesAndSettings")
    void everyGoldenSettingGivesTheCpuPathsLogMel(EngineName engine, String name, JsonNode s) {
        List<JsonNode> cases = new ArrayList<>();
        s.get("cases").forEach(cases::add);
        int samples = MelSpectrogramTest.samples(cases.get(0)).length;
        // The golden signals of the clip length in common (all but the clip shorter than n_fft) as one batch.
        float[][] signals = cases.stream().map(MelSpectrogramTest::samples).filter(pcm -> pcm.length == samples)
                .toArray(float[][]::new);
        FeatureConfig features = MelSpectrogramTest.features(s);
        MelSpectrogram cpu = new MelSpectrogram(features);
        try (DeviceMel device = Engine.named(engine).deviceMel(features, signals)) {
            float[][] computed = device.compute();
            assertEquals(signals.length, computed.length);
            for (int b = 0; b < signals.length; b++) {
                assertAgrees(features, cpu.compute(signals[b]), computed[b], name + " signal " + b);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EngineName.class)
    void eachSignalGetsItsOwnLogMelAndTheHeldSignalsComputeAgainAlike(EngineName engine) {
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
        try (DeviceMel device = Engine.named(engine).deviceMel(features, signals)) {
            assertTrue(device.library().startsWith(engine == EngineName.DL4J ? "ND4J" : "libtorch"),
                    device.library());
            float[][] computed = device.compute();
            assertEquals(3, computed.length);
            for (int b = 0; b < 3; b++) {
                assertAgrees(features, cpu.compute(signals[b]), computed[b], "signal " + b);
            }
            assertArrayEquals(computed[1], device.compute()[1], 0f, "the held signals are computed again alike");
        }
    }

    /** One signal's device log-mel against the CPU path's, by the rules of this class. */
    private static void assertAgrees(FeatureConfig features, float[] expected, float[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": values");
        for (int i = 0; i < expected.length; i++) {
            String where = what + " value " + i;
            if (features.scale() == AmplitudeScale.LOG1P) {
                assertEquals(expected[i], actual[i], LOG1P_TOLERANCE, where);
                continue;
            }
            double reference = decibels(features, expected[i]);
            double computed = decibels(features, actual[i]);
            if (reference > QUIET_DB) {
                assertEquals(reference, computed, DB_TOLERANCE, where);
            } else {
                assertTrue(computed < QUIET_CEILING_DB, where + ": " + computed + " dB where the CPU path has "
                        + reference + " dB");
            }
        }
    }

    /** A value on the output scale in dB: as is for dB, 10·log10 of power (20·log10 of magnitude) for linear. */
    private static double decibels(FeatureConfig features, double value) {
        return features.scale() == AmplitudeScale.DB ? value : 10.0 * Math.log10(value) * 2.0 / features.power();
    }
}
