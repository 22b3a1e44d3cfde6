package org.tagbench.data.synthetic;

/**
 * Independent float64 measurements of test signals: a plain DFT (no FFT, no code shared with the generator)
 * summed over Hann-windowed frames, and frame energies.
 */
final class Spectrum {
    private static final int FRAME = 1024;
    private static final double[] COS = new double[FRAME];
    private static final double[] SIN = new double[FRAME];

    static {
        for (int i = 0; i < FRAME; i++) {
            COS[i] = Math.cos(2 * Math.PI * i / FRAME);
            SIN[i] = Math.sin(2 * Math.PI * i / FRAME);
        }
    }

    private final double[] power;
    private final int sampleRate;

    private Spectrum(double[] power, int sampleRate) {
        this.power = power;
        this.sampleRate = sampleRate;
    }

    /** The power spectrum of {@code signal[from, to)}, summed over consecutive 1024-sample Hann frames. */
    static Spectrum of(double[] signal, int from, int to, int sampleRate) {
        double[] power = new double[FRAME / 2 + 1];
        double[] frame = new double[FRAME];
        for (int start = from; start < to; start += FRAME) {
            for (int i = 0; i < FRAME; i++) {
                frame[i] = start + i < to ? signal[start + i] * (0.5 - 0.5 * COS[i]) : 0;
            }
            for (int k = 0; k < power.length; k++) {
                double re = 0;
                double im = 0;
                for (int i = 0; i < FRAME; i++) {
                    re += frame[i] * COS[k * i % FRAME];
                    im -= frame[i] * SIN[k * i % FRAME];
                }
                power[k] += re * re + im * im;
            }
        }
        return new Spectrum(power, sampleRate);
    }

    /** Share of the total power between {@code lowHz} and {@code highHz}. */
    double share(double lowHz, double highHz) {
        double band = 0;
        double total = 0;
        for (int k = 0; k < power.length; k++) {
            double hz = (double) k * sampleRate / FRAME;
            total += power[k];
            if (hz >= lowHz && hz < highHz) {
                band += power[k];
            }
        }
        return band / total;
    }

    /** Root mean square of {@code signal[from, to)}. */
    static double rms(double[] signal, int from, int to) {
        double energy = 0;
        for (int i = from; i < to; i++) {
            energy += signal[i] * signal[i];
        }
        return Math.sqrt(energy / Math.max(1, to - from));
    }
}
