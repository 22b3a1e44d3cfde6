package org.tagbench.metrics;

/**
 * Mean of a few values (one per seed) with its 95% Student t interval: mean ± t(0.975, n - 1) sd / sqrt(n), sd
 * with denominator n - 1. One value has no spread to estimate, so no interval: sd and half width are NaN.
 */
public record MeanInterval(int n, double mean, double standardDeviation, double halfWidth) {
    /** Coverage of the interval. */
    public static final double LEVEL = 0.95;

    /** The mean and interval of {@code values} (one or more, none NaN). */
    public static MeanInterval of(double... values) {
        int n = values.length;
        if (n == 0) {
            throw new IllegalArgumentException("no values: a mean needs one or more");
        }
        double sum = 0;
        for (double v : values) {
            if (Double.isNaN(v)) {
                throw new IllegalArgumentException("a value is NaN: expected numbers");
            }
            sum += v;
        }
        double mean = sum / n;
        if (n == 1) {
            return new MeanInterval(1, mean, Double.NaN, Double.NaN);
        }
        double squares = 0;
        for (double v : values) {
            squares += (v - mean) * (v - mean);
        }
        double sd = Math.sqrt(squares / (n - 1));
        return new MeanInterval(n, mean, sd, StudentT.criticalValue(LEVEL, n - 1) * sd / Math.sqrt(n));
    }

    /** Whether there is an interval (two or more values). */
    public boolean hasInterval() {
        return !Double.isNaN(halfWidth);
    }

    /** Lower end of the interval (NaN without one). */
    public double low() {
        return mean - halfWidth;
    }

    /** Upper end of the interval (NaN without one). */
    public double high() {
        return mean + halfWidth;
    }
}
