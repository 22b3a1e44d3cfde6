package org.tagbench.audio.perturb;

import java.util.SplittableRandom;

/** Gaussian white noise added at {@code snrDb} dB SNR; the same seed gives the same noise. */
public record WhiteNoise(double snrDb, long seed) implements Perturbation {
    @Override
    public float[] apply(float[] samples, int sampleRate) {
        SplittableRandom random = new SplittableRandom(seed);
        double[] noise = new double[samples.length];
        for (int i = 0; i < noise.length; i++) {
            noise[i] = random.nextGaussian();
        }
        return NoiseMix.atSnr(samples, noise, snrDb);
    }
}
