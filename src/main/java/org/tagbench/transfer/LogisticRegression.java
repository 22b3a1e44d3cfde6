package org.tagbench.transfer;

/**
 * Binary logistic regression with an L2 penalty on the weights (not the intercept), fitted exactly by Newton's
 * method in float64: it minimises {@code sum_i log(1 + exp(-s_i z_i)) + l2 / 2 * |w|^2} with {@code z = x.w + b},
 * the objective of scikit-learn's {@code LogisticRegression(C = 1 / l2)}. The problem is convex and small (one
 * weight per embedding dimension), so a few Newton steps with a backtracking line search reach the optimum to
 * rounding, which an engine's float32 gradient steps would not; the coefficients can then be checked against
 * scikit-learn's.
 *
 * @param weights one weight per input column
 * @param intercept the intercept
 * @param iterations the Newton steps taken
 */
public record LogisticRegression(double[] weights, double intercept, int iterations) {
    private static final int MAX_ITERATIONS = 100;
    /** Converged once no gradient component exceeds this (relative to the number of rows). */
    private static final double GRADIENT_TOLERANCE = 1e-10;

    /** The fit of {@code labels} on the rows of {@code x} (all of one width) with strength {@code l2 > 0}. */
    public static LogisticRegression fit(double[][] x, boolean[] labels, double l2) {
        int n = x.length;
        int d = x[0].length;
        double[] theta = new double[d + 1];
        double loss = objective(x, labels, l2, theta);
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            double[] gradient = new double[d + 1];
            double[][] hessian = new double[d + 1][d + 1];
            for (int i = 0; i < n; i++) {
                double p = sigmoid(linear(x[i], theta));
                double residual = p - (labels[i] ? 1 : 0);
                double curvature = p * (1 - p);
                for (int a = 0; a <= d; a++) {
                    double xa = a < d ? x[i][a] : 1;
                    gradient[a] += residual * xa;
                    double scaled = curvature * xa;
                    for (int b = 0; b <= a; b++) {
                        hessian[a][b] += scaled * (b < d ? x[i][b] : 1);
                    }
                }
            }
            double largest = 0;
            for (int a = 0; a <= d; a++) {
                if (a < d) {
                    gradient[a] += l2 * theta[a];
                    hessian[a][a] += l2;
                }
                largest = Math.max(largest, Math.abs(gradient[a]));
            }
            if (largest <= GRADIENT_TOLERANCE * Math.max(1, n)) {
                break;
            }
            double[] step = Cholesky.solve(hessian, gradient);
            double slope = 0;
            for (int a = 0; a <= d; a++) {
                slope += gradient[a] * step[a];
            }
            NewtonStep next = NewtonStep.from(theta, loss, step, slope,
                    candidate -> objective(x, labels, l2, candidate));
            iteration++;
            if (!(next.loss() < loss)) {
                // No step lowers the objective any more: the optimum to rounding.
                break;
            }
            theta = next.theta();
            loss = next.loss();
        }
        double[] weights = new double[d];
        System.arraycopy(theta, 0, weights, 0, d);
        return new LogisticRegression(weights, theta[d], iteration);
    }

    /** The probability of the positive class for each row of {@code x}. */
    public double[] probabilities(double[][] x) {
        double[] theta = new double[weights.length + 1];
        System.arraycopy(weights, 0, theta, 0, weights.length);
        theta[weights.length] = intercept;
        double[] p = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            p[i] = sigmoid(linear(x[i], theta));
        }
        return p;
    }

    /** The penalised log loss at {@code theta} (weights, then the intercept). */
    private static double objective(double[][] x, boolean[] labels, double l2, double[] theta) {
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            double z = linear(x[i], theta);
            sum += softplus(labels[i] ? -z : z);
        }
        double squares = 0;
        for (int a = 0; a < theta.length - 1; a++) {
            squares += theta[a] * theta[a];
        }
        return sum + l2 / 2 * squares;
    }

    private static double linear(double[] row, double[] theta) {
        double z = theta[row.length];
        for (int a = 0; a < row.length; a++) {
            z += row[a] * theta[a];
        }
        return z;
    }

    /** {@code log(1 + exp(z))} without overflow. */
    static double softplus(double z) {
        return z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    }

    /** {@code 1 / (1 + exp(-z))} without overflow. */
    static double sigmoid(double z) {
        if (z >= 0) {
            return 1 / (1 + Math.exp(-z));
        }
        double e = Math.exp(z);
        return e / (1 + e);
    }
}
