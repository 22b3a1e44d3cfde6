package org.tagbench.audio.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Resampler against the exact answer: a tone well inside both bands comes out as the same tone read at the new rate
 * (float64 sin(2 pi f j / (ratio fs)), the ratio as the libswresample rates 2^19 : round(ratio 2^19) give it), and a
 * tone above the new Nyquist frequency is filtered out.
 */
class ResamplerTest {
    private static final int RATE = 16_000;
    private static final int LENGTH = RATE;

    @ParameterizedTest(name = "ratio {0}")
    @ValueSource(doubles = {0.5, 0.8908987181403393, 1.0 / 0.8908987181403393, 1.5, 1.0})
    void aToneInsideBothBandsIsTheSameToneAtTheNewRate(double ratio) {
        double hz = 1000;
        float[] out = Resampler.resample(tone(hz), ratio);
        double rates = Math.round(ratio * (1 << 19)) / (double) (1 << 19);

        assertEquals((int) Math.ceil(LENGTH * ratio), out.length);
        // The filter reaches 32 input samples a side; away from the edges every output sample is the tone's value.
        int margin = (int) Math.ceil(64 * Math.max(1, ratio));
        double worst = 0;
        for (int j = margin; j < out.length - margin; j++) {
            worst = Math.max(worst, Math.abs(out[j] - Math.sin(2 * Math.PI * hz * j / (rates * RATE))));
        }
        assertTrue(worst < 1e-4, "ratio " + ratio + ": off the exact tone by " + worst);
    }

    @ParameterizedTest(name = "ratio {0}")
    @ValueSource(doubles = {0.5, 0.8908987181403393})
    void aToneAboveTheNewNyquistFrequencyIsRemoved(double ratio) {
        // 0.95 of the input's Nyquist frequency, above the output's.
        float[] out = Resampler.resample(tone(0.95 * RATE / 2), ratio);

        double power = 0;
        int margin = 64;
        for (int j = margin; j < out.length - margin; j++) {
            power += out[j] * (double) out[j];
        }
        double decibels = 10 * Math.log10(power / (out.length - 2 * margin) / 0.5);
        assertTrue(decibels < -90, "ratio " + ratio + ": " + decibels + " dB left");
    }

    private static float[] tone(double hz) {
        float[] samples = new float[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            samples[i] = (float) Math.sin(2 * Math.PI * hz * i / RATE);
        }
        return samples;
    }
}
