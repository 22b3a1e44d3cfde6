package org.tagbench.data.synthetic;

import java.util.SplittableRandom;

/** White noise for the unpitched parts of the synthetic sounds. */
final class SyntheticNoise {
    private SyntheticNoise() {
    }

    /** {@code length} independent samples, uniform in [-1, 1). */
    static double[] white(SplittableRandom random, int length) {
        // Uniform rather than Gaussian: nextDouble is specified exactly, so the audio is the same on every JDK.
        double[] noise = new double[length];
        for (int i = 0; i < length; i++) {
            noise[i] = 2 * random.nextDouble() - 1;
        }
        return noise;
    }
}
