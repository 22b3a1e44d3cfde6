package org.tagbench.transfer;

/** Solves a symmetric positive-definite system (a Newton step) by its Cholesky factorisation, in float64. */
final class Cholesky {
    /** Added to the diagonal, relative to its largest entry, when rounding leaves the matrix not quite definite. */
    private static final double JITTER = 1e-12;

    private Cholesky() {
    }

    /** The {@code v} with {@code a v = b}; only the lower triangle of {@code a} is read. */
    static double[] solve(double[][] a, double[] b) {
        int n = b.length;
        double largest = 0;
        for (int i = 0; i < n; i++) {
            largest = Math.max(largest, Math.abs(a[i][i]));
        }
        for (double jitter = 0; ; jitter = jitter == 0 ? JITTER * Math.max(largest, 1) : jitter * 100) {
            double[][] l = factor(a, jitter);
            if (l != null) {
                return substitute(l, b);
            }
        }
    }

    /** The lower factor of {@code a + jitter I}, or null when it is not positive definite. */
    private static double[][] factor(double[][] a, double jitter) {
        int n = a.length;
        double[][] l = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double sum = a[i][j] + (i == j ? jitter : 0);
                for (int k = 0; k < j; k++) {
                    sum -= l[i][k] * l[j][k];
                }
                if (i == j) {
                    if (!(sum > 0)) {
                        return null;
                    }
                    l[i][i] = Math.sqrt(sum);
                } else {
                    l[i][j] = sum / l[j][j];
                }
            }
        }
        return l;
    }

    private static double[] substitute(double[][] l, double[] b) {
        int n = b.length;
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            double sum = b[i];
            for (int k = 0; k < i; k++) {
                sum -= l[i][k] * y[k];
            }
            y[i] = sum / l[i][i];
        }
        double[] v = new double[n];
        for (int i = n - 1; i >= 0; i--) {
            double sum = y[i];
            for (int k = i + 1; k < n; k++) {
                sum -= l[k][i] * v[k];
            }
            v[i] = sum / l[i][i];
        }
        return v;
    }
}
