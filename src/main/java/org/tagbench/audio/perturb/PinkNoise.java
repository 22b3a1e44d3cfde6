package org.tagbench.audio.perturb;

import java.util.SplittableRandom;
import org.jtransforms.fft.DoubleFFT_1D;

/**
 * Pink (1/f power) noise added at {@code snrDb} dB SNR; the same seed gives the same noise. The noise is shaped in
 * the frequency domain: Gaussian white noise of the clip's length, its real FFT scaled by 1/sqrt(f) bin by bin (DC
 * zeroed) and transformed back, so the power falls by exactly 3 dB an octave from the lowest bin to Nyquist, where
 * Voss-McCartney's summed random rows only approximate the slope in steps.
 */
public record PinkNoise(double snrDb, long seed) implements Perturbation {
    @Override
    public float[] apply(float[] samples, int sampleRate) {
        return NoiseMix.atSnr(samples, noise(samples.length, seed), snrDb);
    }

    /** {@code n} samples of pink noise (unscaled) from {@code seed}. */
    static double[] noise(int n, long seed) {
        if (n < 2) {
            return new double[n]; // no frequency but DC, which pink noise has none of
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] buffer = new double[n];
        for (int i = 0; i < n; i++) {
            buffer[i] = random.nextGaussian();
        }
        DoubleFFT_1D fft = new DoubleFFT_1D(n);
        fft.realForward(buffer);
        // JTransforms' packed layout: [0] = Re of DC, [1] = Re of Nyquist (even n) or Im of the last bin (odd n, whose
        // Re sits at [n - 1]); Re, Im pairs of bins 1, 2, ... from [2].
        int last = n / 2;
        buffer[0] = 0;
        buffer[1] /= Math.sqrt(last);
        if (n % 2 == 1) {
            buffer[n - 1] /= Math.sqrt(last);
        }
        for (int k = 1; 2 * k + 1 < n; k++) {
            double amplitude = 1.0 / Math.sqrt(k);
            buffer[2 * k] *= amplitude;
            buffer[2 * k + 1] *= amplitude;
        }
        fft.realInverse(buffer, true);
        return buffer;
    }
}
