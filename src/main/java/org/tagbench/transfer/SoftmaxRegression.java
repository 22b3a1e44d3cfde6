package org.tagbench.transfer;

/**
 * Multinomial (softmax) logistic regression with an L2 penalty on the weights (not the intercepts), fitted by Newton's
 * method in float64: it minimises {@code sum_i (logsumexp(z_i) - z_i[y_i]) + l2 / 2 * |W|^2} with
 * {@code z_i = W x_i + b}, the objective of scikit-learn's {@code LogisticRegression(C = 1 / l2,
 * multi_class="multinomial")}. Adding one constant to every intercept changes no probability, so only their
 * differences are defined; the fit returns them centred (summing to 0), by adding {@code (sum b)^2 / 2} to the
 * objective, which is 0 at the centred optimum and gives the Newton system its missing curvature. A step solves that
 * system by conjugate gradients on Hessian-vector products, so no matrix of (classes x (width + 1)) squared entries is
 * ever formed, then a backtracking line search takes it; the iterations stop when no gradient component exceeds
 * 1e-10 per row, so the weights reach scikit-learn's to rounding (LogisticRegressionTest).
 *
 * @param weights one row of weights per class, one weight per input column
 * @param intercepts one intercept per class, centred
 * @param iterations the Newton steps taken
 */
public record SoftmaxRegression(double[][] weights, double[] intercepts, int iterations) {
    private static final int MAX_ITERATIONS = 100;
    private static final double GRADIENT_TOLERANCE = 1e-10;

    /**
     * The fit of {@code classes} (each row's class, from 0 to {@code classCount - 1}) on the rows of {@code x} with
     * strength {@code l2 > 0}; every class should occur, or its intercept has no finite optimum.
     */
    public static SoftmaxRegression fit(double[][] x, int[] classes, int classCount, double l2) {
        Objective f = new Objective(x, classes, classCount, l2);
        double[] theta = new double[classCount * (x[0].length + 1)];
        double loss = f.value(theta);
        int iteration = 0;
        while (iteration < MAX_ITERATIONS) {
            double[][] p = f.probabilities(theta);
            double[] gradient = f.gradient(theta, p);
            double largest = 0;
            for (double g : gradient) {
                largest = Math.max(largest, Math.abs(g));
            }
            if (largest <= GRADIENT_TOLERANCE * Math.max(1, x.length)) {
                break;
            }
            double[] step = f.newtonStep(p, gradient);
            double slope = dot(gradient, step);
            NewtonStep next = NewtonStep.from(theta, loss, step, slope, f::value);
            iteration++;
            if (!(next.loss() < loss)) {
                // No step lowers the objective any more: the optimum to rounding.
                break;
            }
            theta = next.theta();
            loss = next.loss();
        }
        return new SoftmaxRegression(f.weights(theta), f.intercepts(theta), iteration);
    }

    /** Each class's probability for each row of {@code x}: {@code [row][class]}. */
    public double[][] probabilities(double[][] x) {
        double[][] p = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            double[] z = new double[intercepts.length];
            for (int k = 0; k < z.length; k++) {
                z[k] = intercepts[k] + dot(weights[k], x[i]);
            }
            p[i] = softmax(z);
        }
        return p;
    }

    /** {@code exp(z) / sum exp(z)} without overflow. */
    static double[] softmax(double[] z) {
        double top = Double.NEGATIVE_INFINITY;
        for (double v : z) {
            top = Math.max(top, v);
        }
        double sum = 0;
        double[] p = new double[z.length];
        for (int k = 0; k < z.length; k++) {
            p[k] = Math.exp(z[k] - top);
            sum += p[k];
        }
        for (int k = 0; k < z.length; k++) {
            p[k] /= sum;
        }
        return p;
    }

    private static double dot(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < b.length; i++) {
            sum += a[i] * b[i];
        }
        return sum;
    }

    /**
     * The penalised objective over {@code theta}: class k's weights at {@code [k * (d + 1), k * (d + 1) + d)}, its
     * intercept at {@code k * (d + 1) + d}.
     */
    private record Objective(double[][] x, int[] classes, int k, double l2) {
        int width() {
            return x[0].length + 1;
        }

        double[][] weights(double[] theta) {
            double[][] w = new double[k][x[0].length];
            for (int c = 0; c < k; c++) {
                System.arraycopy(theta, c * width(), w[c], 0, x[0].length);
            }
            return w;
        }

        double[] intercepts(double[] theta) {
            double[] b = new double[k];
            for (int c = 0; c < k; c++) {
                b[c] = theta[c * width() + x[0].length];
            }
            return b;
        }

        /** Row i's logits: class c's weights times the row, plus its intercept. */
        double[] logits(double[] theta, double[] row) {
            double[] z = new double[k];
            for (int c = 0; c < k; c++) {
                int at = c * width();
                double sum = theta[at + row.length];
                for (int a = 0; a < row.length; a++) {
                    sum += theta[at + a] * row[a];
                }
                z[c] = sum;
            }
            return z;
        }

        double value(double[] theta) {
            double sum = 0;
            for (int i = 0; i < x.length; i++) {
                double[] z = logits(theta, x[i]);
                double top = Double.NEGATIVE_INFINITY;
                for (double v : z) {
                    top = Math.max(top, v);
                }
                double exps = 0;
                for (double v : z) {
                    exps += Math.exp(v - top);
                }
                sum += top + Math.log(exps) - z[classes[i]];
            }
            double squares = 0;
            double interceptSum = 0;
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < x[0].length; a++) {
                    squares += theta[c * width() + a] * theta[c * width() + a];
                }
                interceptSum += theta[c * width() + x[0].length];
            }
            return sum + l2 / 2 * squares + interceptSum * interceptSum / 2;
        }

        double[][] probabilities(double[] theta) {
            double[][] p = new double[x.length][];
            for (int i = 0; i < x.length; i++) {
                p[i] = softmax(logits(theta, x[i]));
            }
            return p;
        }

        double[] gradient(double[] theta, double[][] p) {
            double[] residuals = new double[x.length * k];
            for (int i = 0; i < x.length; i++) {
                for (int c = 0; c < k; c++) {
                    residuals[i * k + c] = p[i][c] - (classes[i] == c ? 1 : 0);
                }
            }
            double[] g = spread(residuals);
            addPenalty(g, theta, interceptSum(theta));
            return g;
        }

        /** The Hessian at the probabilities {@code p} times the direction {@code v}. */
        double[] hessianTimes(double[][] p, double[] v) {
            double[] r = new double[x.length * k];
            for (int i = 0; i < x.length; i++) {
                double[] u = logits(v, x[i]);
                double mean = 0;
                for (int c = 0; c < k; c++) {
                    mean += p[i][c] * u[c];
                }
                for (int c = 0; c < k; c++) {
                    r[i * k + c] = p[i][c] * (u[c] - mean);
                }
            }
            double[] h = spread(r);
            addPenalty(h, v, interceptSum(v));
            return h;
        }

        /** The sum over classes of the intercepts in {@code theta} (laid out as {@link #width()} per class). */
        private double interceptSum(double[] theta) {
            double sum = 0;
            for (int c = 0; c < k; c++) {
                sum += theta[c * width() + x[0].length];
            }
            return sum;
        }

        /** Per class, the rows weighted by their {@code r[row * k + class]}, and those weights' sum (intercept). */
        private double[] spread(double[] r) {
            int d = x[0].length;
            double[] out = new double[k * width()];
            for (int i = 0; i < x.length; i++) {
                for (int c = 0; c < k; c++) {
                    double weight = r[i * k + c];
                    int at = c * width();
                    for (int a = 0; a < d; a++) {
                        out[at + a] += weight * x[i][a];
                    }
                    out[at + d] += weight;
                }
            }
            return out;
        }

        /** Adds the L2 term's (weights only) and the centring term's (intercepts only) part at {@code theta}. */
        private void addPenalty(double[] out, double[] theta, double interceptSum) {
            int d = x[0].length;
            for (int c = 0; c < k; c++) {
                for (int a = 0; a < d; a++) {
                    out[c * width() + a] += l2 * theta[c * width() + a];
                }
                out[c * width() + d] += interceptSum;
            }
        }

        /**
         * The Newton step {@code H^-1 g} by conjugate gradients, to a residual of {@code min(0.1, sqrt|g|)|g|} (the
         * truncated Newton rule, which keeps convergence superlinear) or at most one pass per unknown.
         */
        double[] newtonStep(double[][] p, double[] g) {
            double[] s = new double[g.length];
            double[] r = g.clone();
            double[] direction = r.clone();
            double rr = dot(r, r);
            double norm = Math.sqrt(rr);
            double tolerance = Math.min(0.1, Math.sqrt(norm)) * norm;
            for (int iteration = 0; iteration < g.length && Math.sqrt(rr) > tolerance; iteration++) {
                double[] hd = hessianTimes(p, direction);
                double alpha = rr / dot(direction, hd);
                for (int a = 0; a < s.length; a++) {
                    s[a] += alpha * direction[a];
                    r[a] -= alpha * hd[a];
                }
                double next = dot(r, r);
                for (int a = 0; a < s.length; a++) {
                    direction[a] = r[a] + next / rr * direction[a];
                }
                rr = next;
            }
            return s;
        }
    }
}
