package org.tagbench.frontend;

import org.tagbench.config.MelNorm;
import org.tagbench.config.MelScale;

/**
 * Triangular mel filters over the bins of a real FFT, built in double precision exactly as
 * librosa.filters.mel (Slaney or HTK mel scale, optional Slaney area normalisation).
 */
public final class MelFilterbank {
    private static final double SLANEY_LINEAR_STEP = 200.0 / 3;
    private static final double SLANEY_LOG_START_HZ = 1000.0;
    private static final double SLANEY_LOG_START_MEL = SLANEY_LOG_START_HZ / SLANEY_LINEAR_STEP;
    private static final double SLANEY_LOG_STEP = Math.log(6.4) / 27.0;

    private final double[][] weights;
    private final int[] firstBin;
    private final int[] endBin;

    private MelFilterbank(double[][] weights) {
        this.weights = weights;
        this.firstBin = new int[weights.length];
        this.endBin = new int[weights.length];
        for (int m = 0; m < weights.length; m++) {
            int first = 0;
            while (first < weights[m].length && weights[m][first] == 0) {
                first++;
            }
            int end = weights[m].length;
            while (end > first && weights[m][end - 1] == 0) {
                end--;
            }
            firstBin[m] = first;
            endBin[m] = end;
        }
    }

    /** Builds {@code nMels} filters over the {@code nFft/2+1} bins of an FFT at {@code sampleRate}. */
    public static MelFilterbank of(int sampleRate, int nFft, int nMels, double fmin, double fmax,
                                   MelScale scale, MelNorm norm) {
        int bins = nFft / 2 + 1;
        double[] fftFreqs = new double[bins];
        for (int k = 0; k < bins; k++) {
            fftFreqs[k] = (double) k * sampleRate / nFft;
        }
        boolean htk = scale == MelScale.HTK;
        double melMin = hzToMel(fmin, htk);
        double melMax = hzToMel(fmax, htk);
        double[] edges = new double[nMels + 2];
        for (int i = 0; i < edges.length; i++) {
            edges[i] = melToHz(melMin + (melMax - melMin) * i / (nMels + 1), htk);
        }
        double[][] w = new double[nMels][bins];
        for (int m = 0; m < nMels; m++) {
            double lowerWidth = edges[m + 1] - edges[m];
            double upperWidth = edges[m + 2] - edges[m + 1];
            double enorm = norm == MelNorm.SLANEY ? 2.0 / (edges[m + 2] - edges[m]) : 1.0;
            for (int k = 0; k < bins; k++) {
                double lower = (fftFreqs[k] - edges[m]) / lowerWidth;
                double upper = (edges[m + 2] - fftFreqs[k]) / upperWidth;
                w[m][k] = Math.max(0.0, Math.min(lower, upper)) * enorm;
            }
        }
        return new MelFilterbank(w);
    }

    /** Hertz to mel on the Slaney (linear below 1 kHz, logarithmic above) or HTK scale. */
    public static double hzToMel(double hz, boolean htk) {
        if (htk) {
            return 2595.0 * Math.log10(1.0 + hz / 700.0);
        }
        return hz < SLANEY_LOG_START_HZ ? hz / SLANEY_LINEAR_STEP
                : SLANEY_LOG_START_MEL + Math.log(hz / SLANEY_LOG_START_HZ) / SLANEY_LOG_STEP;
    }

    /** Mel to hertz, the inverse of {@link #hzToMel}. */
    public static double melToHz(double mel, boolean htk) {
        if (htk) {
            return 700.0 * (Math.pow(10.0, mel / 2595.0) - 1.0);
        }
        return mel < SLANEY_LOG_START_MEL ? mel * SLANEY_LINEAR_STEP
                : SLANEY_LOG_START_HZ * Math.exp(SLANEY_LOG_STEP * (mel - SLANEY_LOG_START_MEL));
    }

    /** Number of mel bands. */
    public int bands() {
        return weights.length;
    }

    /** Weight of FFT bin {@code bin} in mel band {@code band}. */
    public double weight(int band, int bin) {
        return weights[band][bin];
    }

    /** Applies band {@code band} to one frame's spectrum, visiting only the filter's non-zero bins. */
    double apply(int band, double[] spectrum) {
        double[] w = weights[band];
        double sum = 0;
        for (int k = firstBin[band]; k < endBin[band]; k++) {
            sum += w[k] * spectrum[k];
        }
        return sum;
    }
}
