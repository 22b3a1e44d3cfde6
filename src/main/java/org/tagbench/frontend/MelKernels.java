package org.tagbench.frontend;

import org.tagbench.config.FeatureConfig;

/**
 * The mel front end's kernels as plain arrays, for the front ends that run them as tensor ops (each engine's
 * in-network front end, the ONNX graph): the padded window, the windowed DFT basis, the mel filterbank and the
 * reflect-padding index. {@link MelSpectrogram} computes the same numbers on the CPU.
 */
public final class MelKernels {
    private MelKernels() {
    }

    /** A periodic Hann window of {@code winLength} centred in {@code nFft} zeros, as librosa pads short windows. */
    public static double[] paddedHann(int winLength, int nFft) {
        double[] w = new double[nFft];
        int left = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) {
            w[left + i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / winLength);
        }
        return w;
    }

    /**
     * The windowed DFT basis as [n_fft][2 * bins]: for sample n, the cosine of bin k at column k and minus the sine at
     * column bins + k, so a frame times the basis gives the real parts, then the imaginary parts.
     */
    public static double[][] dftBasis(FeatureConfig features) {
        int nFft = features.nFft();
        int bins = nFft / 2 + 1;
        double[] window = paddedHann(features.winLength(), nFft);
        double[][] basis = new double[nFft][2 * bins];
        for (int n = 0; n < nFft; n++) {
            for (int k = 0; k < bins; k++) {
                double angle = 2.0 * Math.PI * k * n / nFft;
                basis[n][k] = window[n] * Math.cos(angle);
                basis[n][bins + k] = -window[n] * Math.sin(angle);
            }
        }
        return basis;
    }

    /** The mel filterbank transposed, [bins][n_mels], so a power spectrum row times it gives the mel bands. */
    public static double[][] melMatrix(FeatureConfig features) {
        MelFilterbank bank = MelFilterbank.of(features.sampleRate(), features.nFft(), features.nMels(),
                features.fmin(), features.fmax(), features.melScale(), features.norm());
        int bins = features.nFft() / 2 + 1;
        double[][] mel = new double[bins][bank.bands()];
        for (int k = 0; k < bins; k++) {
            for (int m = 0; m < bank.bands(); m++) {
                mel[k][m] = bank.weight(m, k);
            }
        }
        return mel;
    }

    /** Index {@code i} folded back into [0, n) by repeated reflection without repeating the edge (numpy "reflect"). */
    public static int reflect(int i, int n) {
        int period = 2 * (n - 1);
        int r = Math.floorMod(i, period);
        return r < n ? r : period - r;
    }
}
