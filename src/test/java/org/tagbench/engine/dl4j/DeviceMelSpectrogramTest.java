package org.tagbench.engine.dl4j;

import org.tagbench.frontend.MelSpectrogram;
import org.tagbench.frontend.MelSpectrogramTest;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.function.DoubleUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.ConfigLoader;
import org.tagbench.config.FeatureConfig;

/**
 * The float32 ND4J front end against the same float64 references as the CPU path, at float32's accuracy, judged
 * against each clip's loudest reference bin: within 0.02 dB down to 95 dB below it, 0.5 dB down to 125 dB below it,
 * and below that only as quiet as 95 dB below it. A float32 DFT (rounding error ~1e-6 of a frame's amplitude,
 * summed in an order that depends on the BLAS kernel and thread count) cannot resolve components 130 dB below the
 * loudest. The margins are relative because levels are: without filterbank norm (htk-plain) the bands are ~30 dB
 * louder than Slaney-normed ones. With power 1 the dB values are of magnitudes, so the same power levels sit at half
 * the dB values. Linear outputs are judged in dB by the same rule; log1p outputs, whose float32 1 + C·x cannot
 * resolve the quietest bins in dB, within an absolute tolerance.
 */
public class DeviceMelSpectrogramTest {
    private static final double LOUD_TOLERANCE_DB = 0.02;
    private static final double QUIET_TOLERANCE_DB = 0.5;
    private static final double QUIET_BELOW_PEAK_POWER_DB = 95;
    private static final double FLOAT32_FLOOR_BELOW_PEAK_POWER_DB = 125;
    /**
     * log10(1 + C·x) absolutely: 0.001 dB where C·x is large, powers to within 2e-4 / C where it is small (the
     * largest error seen is 2.3e-6, in bins 80 dB below the loudest).
     */
    private static final double LOG1P_TOLERANCE = 1e-4;

    static Stream<Arguments> cases() throws IOException {
        return MelSpectrogramTest.cases();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void melMatchesTheReferenceWithinFloat32Accuracy(String name, JsonNode s, JsonNode c) {
        float[] pcm = MelSpectrogramTest.samples(c);
        INDArray mel = new DeviceMelSpectrogram(MelSpectrogramTest.features(s)).compute(Nd4j.create(pcm, 1, pcm.length));
        assertWithinFloat32Accuracy(s, c, mel.slice(0));
    }

    /**
     * Checks one output {@code [n_mels, frames]} against golden case {@code c} of settings {@code s}: dB and linear
     * values by their level below the loudest, log1p values within {@link #LOG1P_TOLERANCE}.
     */
    public static void assertWithinFloat32Accuracy(JsonNode s, JsonNode c, INDArray mel) {
        FeatureConfig features = MelSpectrogramTest.features(s);
        JsonNode expected = c.get("mel");
        assertArrayEquals(new long[] {expected.size(), expected.get(0).size()}, mel.shape());
        if (features.scale() == AmplitudeScale.LOG1P) {
            for (int m = 0; m < expected.size(); m++) {
                for (int t = 0; t < expected.get(m).size(); t++) {
                    assertEquals(expected.get(m).get(t).asDouble(), mel.getDouble(m, t), LOG1P_TOLERANCE,
                            "band " + m + " frame " + t);
                }
            }
            return;
        }
        // Power dB up to a constant offset, which cancels in the levels below the loudest.
        DoubleUnaryOperator powerDb = features.scale() == AmplitudeScale.LINEAR
                ? v -> 10.0 * Math.log10(v) * 2.0 / features.power() : v -> v * 2.0 / features.power();
        double peak = Double.NEGATIVE_INFINITY;
        for (JsonNode band : expected) {
            for (JsonNode value : band) {
                peak = Math.max(peak, powerDb.applyAsDouble(value.asDouble()));
            }
        }
        double quiet = peak - QUIET_BELOW_PEAK_POWER_DB;
        double floor = peak - FLOAT32_FLOOR_BELOW_PEAK_POWER_DB;
        for (int m = 0; m < expected.size(); m++) {
            for (int t = 0; t < expected.get(m).size(); t++) {
                double reference = powerDb.applyAsDouble(expected.get(m).get(t).asDouble());
                double actual = powerDb.applyAsDouble(mel.getDouble(m, t));
                String where = "band " + m + " frame " + t;
                if (reference > quiet) {
                    assertEquals(reference, actual, LOUD_TOLERANCE_DB * 2.0 / features.power(), where);
                } else if (reference > floor) {
                    assertEquals(reference, actual, QUIET_TOLERANCE_DB * 2.0 / features.power(), where);
                } else {
                    assertTrue(actual <= quiet, where + ": " + actual + " dB (power) is not quiet");
                }
            }
        }
    }

    @Test
    void aBatchGivesEachSignalItsOwnSpectrogramAsTheCpuPathDoes() {
        FeatureConfig features = ConfigLoader.features(null, java.util.List.of("features.top_db=80"));
        float[][] signals = new float[2][3000];
        java.util.SplittableRandom random = new java.util.SplittableRandom(9);
        for (int i = 0; i < 3000; i++) {
            signals[0][i] = (float) Math.sin(2 * Math.PI * 300 * i / 12000.0);
            signals[1][i] = (float) (0.2 * random.nextGaussian());
        }
        INDArray batch = new DeviceMelSpectrogram(features).compute(Nd4j.create(signals));
        MelSpectrogram cpu = new MelSpectrogram(features);
        for (int b = 0; b < 2; b++) {
            float[] expected = cpu.compute(signals[b]);
            float[] actual = batch.slice(b).dup('c').data().asFloat();
            assertArrayEquals(expected, actual, (float) QUIET_TOLERANCE_DB, "signal " + b);
        }
    }
}
