package org.tagbench.audio.perturb;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Gain against sox's {@code gain} effect on the same 16-bit input (scripts/perturb_golden.py). */
class GainTest {
    /** sox rounds its result to 16 bits; ours stays float: at most half a step apart, plus sox's own rounding. */
    private static final double ONE_STEP = 1.0 / 32768;

    @Test
    void attenuationMatchesSoxSampleForSample() throws Exception {
        assertMatchesSox(-6, "mix-gain-6.wav");
    }

    @Test
    void boostClipsAtFullScaleAsSoxDoes() throws Exception {
        float[] boosted = assertMatchesSox(12, "mix-gain+12.wav");
        int clipped = 0;
        for (float v : boosted) {
            clipped += Math.abs(v) == 1f ? 1 : 0;
        }
        assertTrue(clipped > 1000, "a +12 dB boost of a clip peaking at 0.5 clips: " + clipped + " samples at 1");
    }

    @Test
    void zeroDecibelsIsTheIdentity() throws Exception {
        float[] mix = PerturbFixtures.wav("mix.wav");
        float[] same = new Gain(0).apply(mix, PerturbFixtures.SAMPLE_RATE);
        assertEquals(0, PerturbFixtures.differenceEnergy(mix, same));
    }

    private static float[] assertMatchesSox(double db, String golden) throws Exception {
        float[] mix = PerturbFixtures.wav("mix.wav");
        float[] sox = PerturbFixtures.wav(golden);
        float[] ours = new Gain(db).apply(mix, PerturbFixtures.SAMPLE_RATE);
        assertEquals(sox.length, ours.length);
        double worst = 0;
        for (int i = 0; i < ours.length; i++) {
            worst = Math.max(worst, Math.abs(ours[i] - sox[i]));
        }
        assertTrue(worst <= ONE_STEP, "largest difference from sox " + worst * 32768 + " steps of 1/32768");
        return ours;
    }
}
