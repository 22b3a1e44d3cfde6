package org.tagbench.audio.perturb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import org.jtransforms.fft.DoubleFFT_1D;
import org.tagbench.audio.AudioDecoder;

/** The golden files of scripts/perturb_golden.py and the float64 measurements the tests make on signals. */
final class PerturbFixtures {
    static final int SAMPLE_RATE = 12000;

    private PerturbFixtures() {
    }

    /** A fixture WAV (12 kHz, 16-bit) as floats, read by the project's decoder (s16 / 32768, no resampling). */
    static float[] wav(String name) throws Exception {
        return new AudioDecoder(SAMPLE_RATE).decode(Path.of(PerturbFixtures.class.getResource("/perturb/" + name).toURI()));
    }

    /** perturb-golden.json. */
    static JsonNode golden() throws IOException {
        try (InputStream in = PerturbFixtures.class.getResourceAsStream("/perturb/perturb-golden.json")) {
            return new ObjectMapper().readTree(in);
        }
    }

    /**
     * The frequency (Hz) of the largest peak of the Hann-windowed DTFT of the middle second of {@code x}: the
     * peak of the 8 times zero-padded FFT (0.125 Hz bins), refined on a 0.001 Hz grid within 0.2 Hz of it; the golden
     * script measures sox's outputs the same way.
     */
    static double dominantFrequency(float[] x) {
        int n = SAMPLE_RATE;
        int start = x.length / 2 - n / 2;
        double[] segment = new double[n];
        for (int i = 0; i < n; i++) {
            segment[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        }
        int padded = 8 * n;
        double[] buffer = new double[padded];
        System.arraycopy(segment, 0, buffer, 0, n);
        new DoubleFFT_1D(padded).realForward(buffer);
        int peak = 1;
        for (int k = 1; k < padded / 2; k++) {
            if (Math.hypot(buffer[2 * k], buffer[2 * k + 1]) > Math.hypot(buffer[2 * peak], buffer[2 * peak + 1])) {
                peak = k;
            }
        }
        double coarse = peak * (double) SAMPLE_RATE / padded;
        double best = coarse;
        double bestMagnitude = -1;
        for (int step = -200; step <= 200; step++) {
            double f = coarse + step * 0.001;
            double magnitude = dtftMagnitude(segment, f);
            if (magnitude > bestMagnitude) {
                bestMagnitude = magnitude;
                best = f;
            }
        }
        return best;
    }

    private static double dtftMagnitude(double[] segment, double frequency) {
        double re = 0;
        double im = 0;
        double w = 2 * Math.PI * frequency / SAMPLE_RATE;
        for (int i = 0; i < segment.length; i++) {
            re += segment[i] * Math.cos(w * i);
            im -= segment[i] * Math.sin(w * i);
        }
        return Math.hypot(re, im);
    }

    /** The interval from {@code a} to {@code b} Hz in cents. */
    static double cents(double a, double b) {
        return 1200 * Math.log(b / a) / Math.log(2);
    }

    /** 10 log10 of the energy ratio of {@code a} to {@code b}, in float64. */
    static double decibels(double a, double b) {
        return 10 * Math.log10(a / b);
    }

    /** The energy of {@code x}, summed in float64. */
    static double energy(float[] x) {
        double sum = 0;
        for (float v : x) {
            sum += (double) v * v;
        }
        return sum;
    }

    /** The energy of {@code a - b}, in float64. */
    static double differenceEnergy(float[] a, float[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            double d = (double) a[i] - b[i];
            sum += d * d;
        }
        return sum;
    }

    /**
     * Welch's power spectrum of {@code x}: periodic-Hann windowed segments of {@code size} samples, half overlapping,
     * their squared FFT magnitudes averaged, bins 0 .. size / 2.
     */
    static double[] welch(double[] x, int size) {
        double[] power = new double[size / 2 + 1];
        DoubleFFT_1D fft = new DoubleFFT_1D(size);
        int segments = 0;
        for (int start = 0; start + size <= x.length; start += size / 2) {
            double[] buffer = new double[size];
            for (int i = 0; i < size; i++) {
                buffer[i] = x[start + i] * (0.5 - 0.5 * Math.cos(2 * Math.PI * i / size));
            }
            fft.realForward(buffer);
            power[0] += buffer[0] * buffer[0];
            power[size / 2] += buffer[1] * buffer[1];
            for (int k = 1; k < size / 2; k++) {
                power[k] += buffer[2 * k] * buffer[2 * k] + buffer[2 * k + 1] * buffer[2 * k + 1];
            }
            segments++;
        }
        for (int k = 0; k < power.length; k++) {
            power[k] /= segments;
        }
        return power;
    }

    /** The least-squares slope of 10 log10(power[k]) against log2(k) over bins [from, to]: dB per octave. */
    static double slopeDbPerOctave(double[] power, int from, int to) {
        int n = to - from + 1;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int k = from; k <= to; k++) {
            double x = Math.log(k) / Math.log(2);
            double y = 10 * Math.log10(power[k]);
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        return (n * sxy - sx * sy) / (n * sxx - sx * sx);
    }
}
