package org.tagbench.data.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/** A closed hi-hat: a 30 ms tick of noise high-passed at 3.5 kHz (fourth order, so little leaks below 3 kHz). */
final class SyntheticHihat implements SyntheticSound {
    private static final double CUTOFF_HZ = 3500;
    private static final double DECAY_SECONDS = 0.03;
    /** Brings the high-passed noise up to about the level of the other voices. */
    private static final double LEVEL = 2.5;

    @Override
    public void render(List<SyntheticNote> notes, SplittableRandom random, double[] out, int sampleRate) {
        SyntheticFilter highPass = SyntheticFilter.highPass(CUTOFF_HZ, SyntheticFilter.BUTTERWORTH_Q, sampleRate);
        for (SyntheticNote note : notes) {
            int length = note.samples(sampleRate, out.length);
            double[] tick = highPass.apply(highPass.apply(SyntheticNoise.white(random, length)));
            for (int i = 0; i < length; i++) {
                tick[i] *= LEVEL * StrictMath.exp(-(double) i / sampleRate / DECAY_SECONDS);
            }
            note.addTo(out, tick, sampleRate);
        }
    }
}
