package org.tagbench.metrics;

/** Tail areas of the standard normal distribution, accurate relative to the area down to the smallest doubles. */
final class StandardNormal {
    private static final double TWO_OVER_ROOT_PI = 2 / Math.sqrt(Math.PI);
    private static final double EPSILON = 1e-17;

    private StandardNormal() {
    }

    /** P(|Z| >= |z|): 1 for z = 0, 0 for infinite z, NaN for NaN. */
    static double twoSidedP(double z) {
        return complementaryErf(Math.abs(z) / Math.sqrt(2));
    }

    /**
     * erfc(x) for x >= 0. Below 2, 1 - erf(x) with erf's series of positive terms (no cancellation); from 2 up,
     * Laplace's continued fraction, whose relative accuracy holds however small erfc gets.
     */
    static double complementaryErf(double x) {
        if (Double.isNaN(x)) {
            return Double.NaN;
        }
        if (x > 27.3) {
            return 0; // erfc(27.3) is below the smallest double
        }
        if (x < 2) {
            // erf(x) = 2 / sqrt(pi) exp(-x^2) sum_k (2x^2)^k x / (1 * 3 * ... * (2k + 1))
            double term = x;
            double sum = x;
            for (int k = 1; term > EPSILON * sum; k++) {
                term *= 2 * x * x / (2 * k + 1);
                sum += term;
            }
            return 1 - TWO_OVER_ROOT_PI * Math.exp(-x * x) * sum;
        }
        // erfc(x) = exp(-x^2) / sqrt(pi) / (x + (1/2) / (x + 1 / (x + (3/2) / (x + ...)))), by modified Lentz.
        double f = x;
        double c = x;
        double d = 0;
        for (int k = 1; k < 10_000; k++) {
            double a = k / 2.0;
            d = 1 / (x + a * d);
            c = x + a / c;
            double delta = c * d;
            f *= delta;
            if (Math.abs(delta - 1) < EPSILON) {
                break;
            }
        }
        return TWO_OVER_ROOT_PI / 2 * Math.exp(-x * x) / f;
    }
}
