package org.tagbench.audio.perturb;

import org.jtransforms.fft.DoubleFFT_1D;
import org.tagbench.frontend.MelKernels;

/**
 * librosa's complex STFT and its inverse with the defaults {@code librosa.effects.time_stretch} uses: periodic Hann
 * window of n_fft, frames centred on multiples of the hop with zero padding, and an inverse by windowed
 * overlap-add divided by the summed squared window.
 */
final class Stft {
    private final int nFft;
    private final int hop;
    private final double[] window;
    private final DoubleFFT_1D fft;

    Stft(int nFft, int hop) {
        this.nFft = nFft;
        this.hop = hop;
        this.window = MelKernels.paddedHann(nFft, nFft);
        this.fft = new DoubleFFT_1D(nFft);
    }

    /** Number of frequency bins, n_fft / 2 + 1. */
    int bins() {
        return nFft / 2 + 1;
    }

    /** The hop between frames in samples. */
    int hop() {
        return hop;
    }

    /** The spectrum of each frame: {@code [frame][2 * bins]}, real and imaginary parts of bin k at 2k, 2k + 1. */
    double[][] forward(float[] samples) {
        int frames = 1 + samples.length / hop;
        int pad = nFft / 2;
        double[][] spectra = new double[frames][];
        for (int t = 0; t < frames; t++) {
            double[] buffer = new double[nFft];
            int start = t * hop - pad;
            for (int i = 0; i < nFft; i++) {
                int j = start + i;
                buffer[i] = j >= 0 && j < samples.length ? samples[j] * window[i] : 0;
            }
            fft.realForward(buffer);
            spectra[t] = unpack(buffer);
        }
        return spectra;
    }

    /** The signal of {@code length} samples whose STFT is {@code spectra} (least squares, as librosa's istft). */
    float[] inverse(double[][] spectra, int length) {
        int pad = nFft / 2;
        int total = nFft + hop * (spectra.length - 1);
        double[] sum = new double[total];
        double[] windowSquares = new double[total];
        double[] buffer = new double[nFft];
        for (int t = 0; t < spectra.length; t++) {
            pack(spectra[t], buffer);
            fft.realInverse(buffer, true);
            for (int i = 0; i < nFft; i++) {
                sum[t * hop + i] += buffer[i] * window[i];
                windowSquares[t * hop + i] += window[i] * window[i];
            }
        }
        float[] out = new float[length];
        for (int i = 0; i < length && i + pad < total; i++) {
            double norm = windowSquares[i + pad];
            // librosa leaves samples where the window sum is tiny (the very edges) undivided.
            out[i] = (float) (norm > 1e-10 ? sum[i + pad] / norm : sum[i + pad]);
        }
        return out;
    }

    /** JTransforms' packed real FFT as plain Re, Im pairs for bins 0 .. n_fft / 2. */
    private double[] unpack(double[] packed) {
        double[] out = new double[2 * bins()];
        out[0] = packed[0];
        out[2 * (bins() - 1)] = packed[1];
        for (int k = 1; k < bins() - 1; k++) {
            out[2 * k] = packed[2 * k];
            out[2 * k + 1] = packed[2 * k + 1];
        }
        return out;
    }

    /** Re, Im pairs back into JTransforms' packed layout; the DC and Nyquist imaginary parts are dropped, as irfft does. */
    private void pack(double[] spectrum, double[] packed) {
        packed[0] = spectrum[0];
        packed[1] = spectrum[2 * (bins() - 1)];
        for (int k = 1; k < bins() - 1; k++) {
            packed[2 * k] = spectrum[2 * k];
            packed[2 * k + 1] = spectrum[2 * k + 1];
        }
    }
}
