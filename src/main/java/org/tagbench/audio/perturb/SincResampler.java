package org.tagbench.audio.perturb;

/**
 * Band-limited resampling by any real ratio: each output sample is the input convolved with a Kaiser-windowed sinc
 * low-pass (32 zero crossings a side, beta 12, pass band to 0.945 of the lower Nyquist frequency), read from a
 * table with linear interpolation as resampy does. The filter reaches well below 16-bit quantisation noise, so
 * for these perturbations it stands in for the soxr resampler librosa uses.
 */
final class SincResampler {
    private static final int ZERO_CROSSINGS = 32;
    private static final int TABLE_RESOLUTION = 512;
    private static final double KAISER_BETA = 12.0;
    private static final double ROLLOFF = 0.945;
    private static final double[] TABLE = windowedSinc();

    private SincResampler() {
    }

    /**
     * {@code samples} resampled by {@code ratio} (output rate over input rate): ceil(n * ratio) samples, as
     * librosa.resample makes (and, as it does, the input itself at ratio 1); the signal before the first and after
     * the last sample is silence.
     */
    static float[] resample(float[] samples, double ratio) {
        if (ratio == 1) {
            return samples.clone();
        }
        int n = (int) Math.ceil(samples.length * ratio);
        double cutoff = ROLLOFF * Math.min(1.0, ratio);
        double reach = ZERO_CROSSINGS / cutoff;
        float[] out = new float[n];
        for (int j = 0; j < n; j++) {
            double t = j / ratio;
            int first = Math.max(0, (int) Math.ceil(t - reach));
            int last = Math.min(samples.length - 1, (int) Math.floor(t + reach));
            double sum = 0;
            for (int k = first; k <= last; k++) {
                sum += samples[k] * kernel(Math.abs(t - k) * cutoff);
            }
            out[j] = (float) (cutoff * sum);
        }
        return out;
    }

    /** The windowed sinc at {@code x} zero crossings from its centre, interpolated in the table. */
    private static double kernel(double x) {
        double position = x * TABLE_RESOLUTION;
        int i = (int) position;
        if (i >= TABLE.length - 1) {
            return 0;
        }
        double fraction = position - i;
        return TABLE[i] + fraction * (TABLE[i + 1] - TABLE[i]);
    }

    /** sinc(x) times the Kaiser window, for x from 0 to the last zero crossing in steps of 1 / resolution. */
    private static double[] windowedSinc() {
        int size = ZERO_CROSSINGS * TABLE_RESOLUTION + 1;
        double[] table = new double[size];
        double norm = besselI0(KAISER_BETA);
        for (int i = 0; i < size; i++) {
            double x = i / (double) TABLE_RESOLUTION;
            double sinc = i == 0 ? 1.0 : Math.sin(Math.PI * x) / (Math.PI * x);
            double edge = x / ZERO_CROSSINGS;
            table[i] = sinc * besselI0(KAISER_BETA * Math.sqrt(Math.max(0, 1 - edge * edge))) / norm;
        }
        return table;
    }

    /** The modified Bessel function of the first kind, order 0, by its power series. */
    private static double besselI0(double x) {
        double sum = 1;
        double term = 1;
        double quarterSquare = x * x / 4;
        for (int k = 1; term > 1e-17 * sum; k++) {
            term *= quarterSquare / ((double) k * k);
            sum += term;
        }
        return sum;
    }
}
