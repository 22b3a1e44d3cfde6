package org.tagbench.frontend;

import org.jtransforms.fft.DoubleFFT_1D;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.PadMode;

/**
 * The CPU mel front end: framing, periodic Hann window, real FFT, power, mel filters and log scaling,
 * numerically as librosa.feature.melspectrogram followed by power_to_db (or log1p / linear).
 * Instances are immutable and thread-safe; each call allocates its own buffers.
 */
public final class MelSpectrogram {
    private final FeatureConfig features;
    private final MelFilterbank filterbank;
    private final double[] window;
    private final DoubleFFT_1D fft;

    /** Prepares the window, FFT plan and filterbank for these settings. */
    public MelSpectrogram(FeatureConfig features) {
        this.features = features;
        this.filterbank = MelFilterbank.of(features.sampleRate(), features.nFft(), features.nMels(),
                features.fmin(), features.fmax(), features.melScale(), features.norm());
        this.window = paddedHann(features.winLength(), features.nFft());
        this.fft = new DoubleFFT_1D(features.nFft());
    }

    /** The settings this front end computes. */
    public FeatureConfig features() {
        return features;
    }

    /** Number of frames produced for {@code samples} input samples. */
    public int frames(int samples) {
        int padded = features.center() ? samples + 2 * (features.nFft() / 2) : samples;
        return padded < features.nFft() ? 0 : 1 + (padded - features.nFft()) / features.hopLength();
    }

    /** Log-mel of {@code length} samples starting at {@code offset}, row-major [n_mels, frames]. */
    public float[] compute(float[] pcm, int offset, int length) {
        double[] signal = padded(pcm, offset, length);
        int nFft = features.nFft();
        int frames = frames(length);
        if (frames == 0) {
            throw new IllegalArgumentException(length + " samples are fewer than n_fft " + nFft
                    + " with center=false: no frame fits");
        }
        int bins = nFft / 2 + 1;
        int nMels = filterbank.bands();
        double[] mel = new double[nMels * frames];
        double[] buffer = new double[nFft];
        double[] spectrum = new double[bins];
        for (int t = 0; t < frames; t++) {
            int start = t * features.hopLength();
            for (int i = 0; i < nFft; i++) {
                buffer[i] = signal[start + i] * window[i];
            }
            fft.realForward(buffer);
            powerSpectrum(buffer, spectrum);
            for (int m = 0; m < nMels; m++) {
                mel[m * frames + t] = filterbank.apply(m, spectrum);
            }
        }
        return scaled(mel);
    }

    /** Log-mel of a whole signal. */
    public float[] compute(float[] pcm) {
        return compute(pcm, 0, pcm.length);
    }

    /** Unpacks JTransforms' real-FFT layout into |X|^power for bins 0..n/2. */
    private void powerSpectrum(double[] packed, double[] spectrum) {
        int n = features.nFft();
        int bins = spectrum.length;
        boolean squared = features.power() == 2.0;
        for (int k = 0; k < bins; k++) {
            double re;
            double im;
            if (k == 0) {
                re = packed[0];
                im = 0;
            } else if (n % 2 == 0 && k == n / 2) {
                re = packed[1];
                im = 0;
            } else if (n % 2 == 1 && k == (n - 1) / 2) {
                re = packed[n - 1];
                im = packed[1];
            } else {
                re = packed[2 * k];
                im = packed[2 * k + 1];
            }
            double energy = re * re + im * im;
            spectrum[k] = squared ? energy : Math.pow(energy, features.power() / 2.0);
        }
    }

    private float[] scaled(double[] mel) {
        float[] out = new float[mel.length];
        AmplitudeScale scale = features.scale();
        if (scale == AmplitudeScale.LINEAR) {
            for (int i = 0; i < mel.length; i++) {
                out[i] = (float) mel[i];
            }
            return out;
        }
        if (scale == AmplitudeScale.LOG1P) {
            for (int i = 0; i < mel.length; i++) {
                out[i] = (float) Math.log10(1.0 + features.log1pC() * mel[i]);
            }
            return out;
        }
        // librosa.power_to_db (10·log10) whatever the power, so that `scale: db` means one formula.
        double amin = features.amin();
        double refDb = 10.0 * Math.log10(Math.max(amin, features.ref()));
        double[] db = new double[mel.length];
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < mel.length; i++) {
            db[i] = 10.0 * Math.log10(Math.max(amin, mel[i])) - refDb;
            max = Math.max(max, db[i]);
        }
        Double topDb = features.topDb();
        double floor = topDb == null ? Double.NEGATIVE_INFINITY : max - topDb;
        for (int i = 0; i < mel.length; i++) {
            out[i] = (float) Math.max(db[i], floor);
        }
        return out;
    }

    /** The samples of the window [offset, offset+length) with librosa's centre padding applied. */
    private double[] padded(float[] pcm, int offset, int length) {
        int pad = features.center() ? features.nFft() / 2 : 0;
        double[] out = new double[length + 2 * pad];
        for (int i = 0; i < length; i++) {
            out[pad + i] = pcm[offset + i];
        }
        if (pad > 0 && features.padMode() == PadMode.REFLECT && length > 1) {
            for (int i = 1; i <= pad; i++) {
                out[pad - i] = out[pad + reflect(i, length)];
                out[pad + length - 1 + i] = out[pad + reflect(length - 1 + i, length)];
            }
        }
        return out;
    }

    /** Index {@code i} folded back into [0, n) by repeated reflection without repeating the edge (numpy "reflect"). */
    static int reflect(int i, int n) {
        int period = 2 * (n - 1);
        int r = Math.floorMod(i, period);
        return r < n ? r : period - r;
    }

    /** A periodic Hann window of {@code winLength} centred in {@code nFft} zeros, as librosa pads short windows. */
    static double[] paddedHann(int winLength, int nFft) {
        double[] w = new double[nFft];
        int left = (nFft - winLength) / 2;
        for (int i = 0; i < winLength; i++) {
            w[left + i] = 0.5 - 0.5 * Math.cos(2.0 * Math.PI * i / winLength);
        }
        return w;
    }
}
