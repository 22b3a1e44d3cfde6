package org.tagbench.frontend;

import org.jtransforms.fft.DoubleFFT_1D;
import org.tagbench.config.AmplitudeScale;
import org.tagbench.config.FeatureConfig;
import org.tagbench.config.PadMode;

/**
 * The CPU mel front end: framing, periodic Hann window, real FFT, power, mel filters and log scaling,
 * numerically as librosa.feature.melspectrogram followed by power_to_db (or log1p / linear).
 * Instances are immutable and thread-safe; each call allocates its output and two frame-sized buffers.
 */
public final class MelSpectrogram {
    private final FeatureConfig features;
    private final MelFilterbank filterbank;
    private final double[] window;
    private final DoubleFFT_1D fft;
    private final double refDb;

    /** Prepares the window, FFT plan and filterbank for these settings. */
    public MelSpectrogram(FeatureConfig features) {
        this.features = features;
        this.filterbank = MelFilterbank.of(features.sampleRate(), features.nFft(), features.nMels(),
                features.fmin(), features.fmax(), features.melScale(), features.norm());
        this.window = MelKernels.paddedHann(features.winLength(), features.nFft());
        this.fft = new DoubleFFT_1D(features.nFft());
        this.refDb = 10.0 * Math.log10(Math.max(features.amin(), features.ref()));
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
        int nFft = features.nFft();
        int frames = frames(length);
        if (frames == 0) {
            throw new IllegalArgumentException(length + " samples are fewer than n_fft " + nFft
                    + " with center=false: no frame fits");
        }
        int nMels = filterbank.bands();
        float[] out = new float[nMels * frames];
        double[] buffer = new double[nFft];
        double[] spectrum = new double[nFft / 2 + 1];
        Double topDb = features.topDb();
        boolean clamped = features.scale() == AmplitudeScale.DB && topDb != null;
        double loudest = Double.NEGATIVE_INFINITY;
        for (int t = 0; t < frames; t++) {
            windowedFrame(pcm, offset, length, t * features.hopLength(), buffer);
            fft.realForward(buffer);
            powerSpectrum(buffer, spectrum);
            for (int m = 0; m < nMels; m++) {
                double level = level(filterbank.apply(m, spectrum));
                if (clamped) {
                    loudest = Math.max(loudest, level);
                }
                out[m * frames + t] = (float) level;
            }
        }
        if (clamped) {
            // Rounding to float is monotonic, so clamping the rounded values equals rounding the clamped ones.
            float floor = (float) (loudest - topDb);
            for (int i = 0; i < out.length; i++) {
                out[i] = Math.max(out[i], floor);
            }
        }
        return out;
    }

    /** Log-mel of a whole signal. */
    public float[] compute(float[] pcm) {
        return compute(pcm, 0, pcm.length);
    }

    /**
     * Frame {@code start} of the centre-padded signal times the window, into {@code buffer}. Frames inside the
     * signal read it directly; only the few at its edges look up librosa's padding sample by sample.
     */
    private void windowedFrame(float[] pcm, int offset, int length, int start, double[] buffer) {
        int from = start - (features.center() ? features.nFft() / 2 : 0);
        if (from >= 0 && from + buffer.length <= length) {
            int base = offset + from;
            for (int i = 0; i < buffer.length; i++) {
                buffer[i] = pcm[base + i] * window[i];
            }
            return;
        }
        boolean reflect = features.padMode() == PadMode.REFLECT && length > 1;
        for (int i = 0; i < buffer.length; i++) {
            int at = from + i;
            boolean inside = at >= 0 && at < length;
            double sample = inside ? pcm[offset + at] : reflect ? pcm[offset + MelKernels.reflect(at, length)] : 0;
            buffer[i] = sample * window[i];
        }
    }

    /** Unpacks JTransforms' real-FFT layout into |X|^power for bins 0..n/2. */
    private void powerSpectrum(double[] packed, double[] spectrum) {
        int n = features.nFft();
        // Bins 1 .. last-1 are (re, im) pairs; bin 0 (real) is packed[0]; the last is packed[1] (real, even n) or
        // packed[n-1] and packed[1] (real and imaginary, odd n).
        int last = spectrum.length - 1;
        spectrum[0] = packed[0] * packed[0];
        for (int k = 1; k < last; k++) {
            spectrum[k] = packed[2 * k] * packed[2 * k] + packed[2 * k + 1] * packed[2 * k + 1];
        }
        spectrum[last] = n % 2 == 0 ? packed[1] * packed[1]
                : packed[n - 1] * packed[n - 1] + packed[1] * packed[1];
        if (features.power() != 2.0) {
            for (int k = 0; k <= last; k++) {
                spectrum[k] = Math.pow(spectrum[k], features.power() / 2.0);
            }
        }
    }

    /**
     * One mel band's value on the output scale: as is, log10(1 + C·x), or librosa.power_to_db's 10·log10 (whatever
     * the power, so that `scale: db` means one formula) before the top_db clamp.
     */
    private double level(double mel) {
        return switch (features.scale()) {
            case LINEAR -> mel;
            case LOG1P -> TableLog10.log10(1.0 + features.log1pC() * mel);
            case DB -> 10.0 * TableLog10.log10(Math.max(features.amin(), mel)) - refDb;
        };
    }
}
