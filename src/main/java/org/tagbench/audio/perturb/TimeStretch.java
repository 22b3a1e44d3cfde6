package org.tagbench.audio.perturb;

/**
 * Plays a clip {@code rate} times as fast without changing its pitch, as {@code librosa.effects.time_stretch}: a
 * phase vocoder over the STFT (n_fft 2048, hop 512, librosa's defaults) that interpolates magnitudes between frames
 * and advances each bin's phase by its measured instantaneous frequency; the result has round(n / rate) samples.
 */
public record TimeStretch(double rate) implements Perturbation {
    private static final int N_FFT = 2048;
    private static final int HOP = N_FFT / 4;

    /** A stretch by {@code rate} (> 1 faster and shorter, < 1 slower and longer). */
    public TimeStretch {
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("time-stretch rate " + rate + " is not a positive number");
        }
    }

    @Override
    public float[] apply(float[] samples, int sampleRate) {
        Stft stft = new Stft(N_FFT, HOP);
        double[][] stretched = phaseVocoder(stft.forward(samples), stft.bins(), stft.hop());
        return stft.inverse(stretched, (int) Math.round(samples.length / rate));
    }

    /** Frames at fractional positions 0, rate, 2 rate, ... of {@code spectra}, with phases accumulated. */
    private double[][] phaseVocoder(double[][] spectra, int bins, int hop) {
        int frames = spectra.length;
        // Each input frame in polar form once (an output step reads two frames, and neighbouring steps share them);
        // past the last frame the spectrum is silence, as librosa pads two zero frames.
        double[][] magnitudes = new double[frames + 1][bins];
        double[][] angles = new double[frames + 1][bins];
        for (int t = 0; t < frames; t++) {
            for (int k = 0; k < bins; k++) {
                magnitudes[t][k] = Math.hypot(spectra[t][2 * k], spectra[t][2 * k + 1]);
                angles[t][k] = Math.atan2(spectra[t][2 * k + 1], spectra[t][2 * k]);
            }
        }
        int steps = (int) Math.ceil(frames / rate);
        double[][] out = new double[steps][2 * bins];
        double[] phase = angles[0].clone();
        double[] advance = new double[bins];
        for (int k = 0; k < bins; k++) {
            // The phase a bin-centred sinusoid gains over one hop: 2 pi k hop / n_fft.
            advance[k] = Math.PI * hop * k / (bins - 1);
        }
        for (int t = 0; t < steps; t++) {
            double step = t * rate;
            int left = (int) step;
            double alpha = step - left;
            int a = Math.min(left, frames);
            int b = Math.min(left + 1, frames);
            for (int k = 0; k < bins; k++) {
                double magnitude = (1 - alpha) * magnitudes[a][k] + alpha * magnitudes[b][k];
                out[t][2 * k] = magnitude * Math.cos(phase[k]);
                out[t][2 * k + 1] = magnitude * Math.sin(phase[k]);
                double deviation = angles[b][k] - angles[a][k] - advance[k];
                deviation -= 2 * Math.PI * Math.rint(deviation / (2 * Math.PI));
                phase[k] += advance[k] + deviation;
            }
        }
        return out;
    }
}
