package org.tagbench.data.synthetic;

/** A second-order IIR filter (bilinear-transform design) that shapes the noise of the synthetic sounds. */
record SyntheticFilter(double b0, double b1, double b2, double a1, double a2) {
    /** Q of a maximally flat (Butterworth) second-order section. */
    static final double BUTTERWORTH_Q = Math.sqrt(0.5);

    /** A low-pass at {@code cutoff} Hz. */
    static SyntheticFilter lowPass(double cutoff, double q, int sampleRate) {
        double cos = cos(cutoff, sampleRate);
        return normalised((1 - cos) / 2, 1 - cos, (1 - cos) / 2, cos, alpha(cutoff, q, sampleRate));
    }

    /** A high-pass at {@code cutoff} Hz. */
    static SyntheticFilter highPass(double cutoff, double q, int sampleRate) {
        double cos = cos(cutoff, sampleRate);
        return normalised((1 + cos) / 2, -(1 + cos), (1 + cos) / 2, cos, alpha(cutoff, q, sampleRate));
    }

    /** A band-pass around {@code centre} Hz with unit gain at the centre. */
    static SyntheticFilter bandPass(double centre, double q, int sampleRate) {
        double alpha = alpha(centre, q, sampleRate);
        return normalised(alpha, 0, -alpha, cos(centre, sampleRate), alpha);
    }

    /** The filtered signal, starting from rest. */
    double[] apply(double[] x) {
        double[] y = new double[x.length];
        double x1 = 0;
        double x2 = 0;
        double y1 = 0;
        double y2 = 0;
        for (int i = 0; i < x.length; i++) {
            y[i] = b0 * x[i] + b1 * x1 + b2 * x2 - a1 * y1 - a2 * y2;
            x2 = x1;
            x1 = x[i];
            y2 = y1;
            y1 = y[i];
        }
        return y;
    }

    private static double cos(double hz, int sampleRate) {
        return StrictMath.cos(2 * Math.PI * hz / sampleRate);
    }

    private static double alpha(double hz, double q, int sampleRate) {
        return StrictMath.sin(2 * Math.PI * hz / sampleRate) / (2 * q);
    }

    /** Divides by a0 = 1 + alpha; every design here shares the denominator 1 - 2cos z^-1 + (1 - alpha) z^-2. */
    private static SyntheticFilter normalised(double b0, double b1, double b2, double cos, double alpha) {
        double a0 = 1 + alpha;
        return new SyntheticFilter(b0 / a0, b1 / a0, b2 / a0, -2 * cos / a0, (1 - alpha) / a0);
    }
}
