package org.tagbench.data.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * The background of a noisy clip: steady broadband hiss over the whole clip (white noise plus the same noise
 * low-passed at 800 Hz, so every band from the lowest to Nyquist is covered), at unit RMS. It has no notes.
 */
final class SyntheticHiss implements SyntheticSound {
    private static final double RUMBLE_HZ = 800;
    private static final double RUMBLE_LEVEL = 2;

    @Override
    public void render(List<SyntheticNote> notes, SplittableRandom random, double[] out, int sampleRate) {
        double[] white = SyntheticNoise.white(random, out.length);
        double[] rumble = SyntheticFilter.lowPass(RUMBLE_HZ, SyntheticFilter.BUTTERWORTH_Q, sampleRate).apply(white);
        double[] hiss = new double[out.length];
        double energy = 0;
        for (int i = 0; i < out.length; i++) {
            hiss[i] = white[i] + RUMBLE_LEVEL * rumble[i];
            energy += hiss[i] * hiss[i];
        }
        double scale = 1 / Math.sqrt(energy / out.length);
        for (int i = 0; i < out.length; i++) {
            out[i] += scale * hiss[i];
        }
    }
}
