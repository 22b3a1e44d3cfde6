package org.tagbench.data.synthetic;

import java.util.List;
import java.util.SplittableRandom;

/**
 * A kick and snare pair alternating on the steps (kick on even-numbered notes): the kick a sine sweeping down
 * from about 145 Hz to 45 Hz, the snare a band-passed noise burst around 1.8 kHz over a 185 Hz body.
 */
final class SyntheticDrums implements SyntheticSound {
    private static final double KICK_LOW_HZ = 45;
    private static final double KICK_SWEEP_HZ = 100;
    private static final double KICK_SWEEP_SECONDS = 0.03;
    private static final double KICK_DECAY_SECONDS = 0.22;
    private static final double SNARE_BODY_HZ = 185;
    private static final double SNARE_BODY_DECAY_SECONDS = 0.05;
    private static final double SNARE_BODY_LEVEL = 0.5;
    private static final double SNARE_NOISE_HZ = 1800;
    private static final double SNARE_NOISE_Q = 0.6;
    private static final double SNARE_NOISE_DECAY_SECONDS = 0.08;
    /** Brings the band-passed noise, whose RMS is far below that of full-band noise, up to the kick's level. */
    private static final double SNARE_NOISE_LEVEL = 2.5;

    @Override
    public void render(List<SyntheticNote> notes, SplittableRandom random, double[] out, int sampleRate) {
        for (int j = 0; j < notes.size(); j++) {
            SyntheticNote note = notes.get(j);
            int length = note.samples(sampleRate, out.length);
            double[] hit = j % 2 == 0 ? kick(length, sampleRate) : snare(random, length, sampleRate);
            note.addTo(out, hit, sampleRate);
        }
    }

    private static double[] kick(int length, int sampleRate) {
        double[] hit = new double[length];
        double phase = 0;
        for (int i = 0; i < length; i++) {
            double t = (double) i / sampleRate;
            hit[i] = StrictMath.exp(-t / KICK_DECAY_SECONDS) * StrictMath.sin(phase);
            phase += 2 * Math.PI * (KICK_LOW_HZ + KICK_SWEEP_HZ * StrictMath.exp(-t / KICK_SWEEP_SECONDS)) / sampleRate;
        }
        return hit;
    }

    private static double[] snare(SplittableRandom random, int length, int sampleRate) {
        double[] noise = SyntheticFilter.bandPass(SNARE_NOISE_HZ, SNARE_NOISE_Q, sampleRate)
                .apply(SyntheticNoise.white(random, length));
        double[] hit = new double[length];
        for (int i = 0; i < length; i++) {
            double t = (double) i / sampleRate;
            hit[i] = SNARE_NOISE_LEVEL * StrictMath.exp(-t / SNARE_NOISE_DECAY_SECONDS) * noise[i]
                    + SNARE_BODY_LEVEL * StrictMath.exp(-t / SNARE_BODY_DECAY_SECONDS)
                    * StrictMath.sin(2 * Math.PI * SNARE_BODY_HZ * t);
        }
        return hit;
    }
}
