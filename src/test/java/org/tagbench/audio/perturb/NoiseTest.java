package org.tagbench.audio.perturb;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * White and pink noise: the SNR measured in float64 (10 log10 of clean energy over added energy), the spectrum's
 * slope by Welch's method against the known answers (0 and -10 log10 2 = -3.01 dB an octave), seeding.
 */
class NoiseTest {
    private static final int SR = PerturbFixtures.SAMPLE_RATE;

    @ParameterizedTest
    @ValueSource(doubles = {30, 20, 10, 0, -5})
    void measuredSnrIsTheRequestedOne(double snr) throws Exception {
        float[] mix = PerturbFixtures.wav("mix.wav");
        for (Perturbation noise : new Perturbation[] {new WhiteNoise(snr, 7), new PinkNoise(snr, 7)}) {
            float[] noisy = noise.apply(mix, SR);
            double measured = PerturbFixtures.decibels(PerturbFixtures.energy(mix),
                    PerturbFixtures.differenceEnergy(noisy, mix));
            assertEquals(snr, measured, 0.01, noise.toString());
        }
    }

    @Test
    void whiteNoiseIsFlatAndPinkNoiseFallsThreeDecibelsAnOctave() {
        float[] silence = new float[10 * SR];
        float[] tone = new float[silence.length];
        Arrays.fill(tone, 0.1f); // any non-silent clip: the noise added to it is what is measured
        // Bins 4 .. 512 of a 1024-point spectrum: 47 Hz to Nyquist, seven octaves.
        double white = PerturbFixtures.slopeDbPerOctave(PerturbFixtures.welch(added(new WhiteNoise(0, 3), tone), 1024), 4, 512);
        double pink = PerturbFixtures.slopeDbPerOctave(PerturbFixtures.welch(added(new PinkNoise(0, 3), tone), 1024), 4, 512);
        assertEquals(0, white, 0.1, "white noise slope in dB per octave");
        assertEquals(-10 * Math.log10(2), pink, 0.1, "pink noise slope in dB per octave");
        assertArrayEquals(silence, new PinkNoise(0, 3).apply(silence, SR), "a silent clip has no level to mix against");
    }

    @Test
    void theSameSeedGivesTheSameNoise() throws Exception {
        float[] mix = PerturbFixtures.wav("mix.wav");
        assertArrayEquals(new PinkNoise(10, 5).apply(mix, SR), new PinkNoise(10, 5).apply(mix, SR));
        assertArrayEquals(new WhiteNoise(10, 5).apply(mix, SR), new WhiteNoise(10, 5).apply(mix, SR));
        assertFalse(Arrays.equals(new WhiteNoise(10, 5).apply(mix, SR), new WhiteNoise(10, 6).apply(mix, SR)));
    }

    /** The noise a perturbation added to {@code clean}. */
    private static double[] added(Perturbation noise, float[] clean) {
        float[] noisy = noise.apply(clean, SR);
        double[] difference = new double[clean.length];
        for (int i = 0; i < clean.length; i++) {
            difference[i] = (double) noisy[i] - clean[i];
        }
        return difference;
    }
}
