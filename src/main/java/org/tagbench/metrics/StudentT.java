package org.tagbench.metrics;

/** Student's t distribution with a whole number of degrees of freedom: central areas and critical values. */
final class StudentT {
    private StudentT() {
    }

    /**
     * P(|T| <= t) for t >= 0, by the closed forms for whole degrees of freedom (Abramowitz and Stegun 26.7.3-4) in
     * theta = atan(t / sqrt(dof)): finite sums of powers of cos(theta), exact up to rounding.
     */
    static double centralArea(double t, int dof) {
        double theta = Math.atan(t / Math.sqrt(dof));
        double cos2 = Math.cos(theta) * Math.cos(theta);
        if (dof % 2 == 1) {
            double sum = 0;
            double term = Math.cos(theta);
            for (int k = 1; k <= (dof - 1) / 2; k++) {
                sum += term;
                term *= cos2 * (2 * k) / (2 * k + 1);
            }
            return 2 / Math.PI * (theta + Math.sin(theta) * sum);
        }
        double sum = 0;
        double term = 1;
        for (int k = 1; k <= dof / 2; k++) {
            sum += term;
            term *= cos2 * (2 * k - 1) / (2 * k);
        }
        return Math.sin(theta) * sum;
    }

    /** The t with P(|T| <= t) = {@code level} (e.g. 0.95 gives the 97.5th percentile), found by bisection. */
    static double criticalValue(double level, int dof) {
        if (dof < 1 || !(level > 0 && level < 1)) {
            throw new IllegalArgumentException("level " + level + ", " + dof + " degrees of freedom: expected a level"
                    + " between 0 and 1 and 1 or more degrees of freedom");
        }
        double low = 0;
        double high = 1;
        while (centralArea(high, dof) < level) {
            low = high;
            high *= 2;
        }
        for (int i = 0; i < 200 && high - low > 1e-15 * high; i++) {
            double middle = (low + high) / 2;
            if (centralArea(middle, dof) < level) {
                low = middle;
            } else {
                high = middle;
            }
        }
        return (low + high) / 2;
    }
}
