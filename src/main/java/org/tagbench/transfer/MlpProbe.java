package org.tagbench.transfer;

import java.util.SplittableRandom;

/**
 * A one-hidden-layer perceptron probe: ReLU hidden units, one sigmoid output per tag (or, for a multiclass task, a
 * softmax over the classes), trained on the summed log loss (the cross-entropy) plus {@code l2 / 2} times the squared
 * weights (biases unpenalised, as for {@link LogisticRegression}) by full-batch Adam in float64 for a fixed number of
 * epochs, from weights drawn from the seed (He-uniform hidden, Glorot-uniform output). Embedding sets are small (one
 * row per track), so one batch is the whole training split, and the run is exactly repeatable.
 */
final class MlpProbe implements FittedProbe {
    private static final double BETA1 = 0.9;
    private static final double BETA2 = 0.999;
    private static final double EPSILON = 1e-8;

    private final double[][] w1;
    private final double[] b1;
    private final double[][] w2;
    private final double[] b2;
    private final boolean softmax;

    private MlpProbe(double[][] w1, double[] b1, double[][] w2, double[] b2, boolean softmax) {
        this.w1 = w1;
        this.b1 = b1;
        this.w2 = w2;
        this.b2 = b2;
        this.softmax = softmax;
    }

    /**
     * Trains {@code hidden} units on {@code x} for {@code labels[track][tag]} with strength {@code l2}, a softmax
     * output if {@code softmax} (one class per track), else a sigmoid per tag.
     */
    static MlpProbe fit(double[][] x, boolean[][] labels, double l2, int hidden, int epochs, double lr, long seed,
                        boolean softmax) {
        int n = x.length;
        int d = x[0].length;
        int tags = labels[0].length;
        SplittableRandom random = new SplittableRandom(seed);
        MlpProbe net = new MlpProbe(uniform(hidden, d, Math.sqrt(6.0 / d), random), new double[hidden],
                uniform(tags, hidden, Math.sqrt(6.0 / (hidden + tags)), random), new double[tags], softmax);
        double[][][] moments = {new double[hidden][d], new double[hidden][d], new double[tags][hidden],
            new double[tags][hidden]};
        double[][] biasMoments = {new double[hidden], new double[hidden], new double[tags], new double[tags]};
        for (int step = 1; step <= epochs; step++) {
            double[][] h = net.hidden(x);
            double[][] dz = net.outputs(h);
            double[][] gw2 = new double[tags][hidden];
            double[] gb2 = new double[tags];
            double[][] gw1 = new double[hidden][d];
            double[] gb1 = new double[hidden];
            for (int i = 0; i < n; i++) {
                double[] dh = new double[hidden];
                for (int t = 0; t < tags; t++) {
                    // The output's gradient is the same residual for sigmoids with log loss and softmax with
                    // cross-entropy.
                    double residual = dz[i][t] - (labels[i][t] ? 1 : 0);
                    gb2[t] += residual;
                    for (int k = 0; k < hidden; k++) {
                        gw2[t][k] += residual * h[i][k];
                        dh[k] += residual * net.w2[t][k];
                    }
                }
                for (int k = 0; k < hidden; k++) {
                    if (h[i][k] > 0) {
                        gb1[k] += dh[k];
                        for (int a = 0; a < d; a++) {
                            gw1[k][a] += dh[k] * x[i][a];
                        }
                    }
                }
            }
            // The objective divided by the row count, so that one learning rate suits any split size.
            double correction1 = 1 - Math.pow(BETA1, step);
            double correction2 = 1 - Math.pow(BETA2, step);
            adam(net.w1, gw1, l2, n, moments[0], moments[1], lr, correction1, correction2);
            adam(net.w2, gw2, l2, n, moments[2], moments[3], lr, correction1, correction2);
            adam(new double[][] {net.b1}, new double[][] {gb1}, 0, n, new double[][] {biasMoments[0]},
                    new double[][] {biasMoments[1]}, lr, correction1, correction2);
            adam(new double[][] {net.b2}, new double[][] {gb2}, 0, n, new double[][] {biasMoments[2]},
                    new double[][] {biasMoments[3]}, lr, correction1, correction2);
        }
        return net;
    }

    @Override
    public double[][] scores(double[][] x) {
        return outputs(hidden(x));
    }

    private double[][] hidden(double[][] x) {
        double[][] h = new double[x.length][b1.length];
        for (int i = 0; i < x.length; i++) {
            for (int k = 0; k < b1.length; k++) {
                double z = b1[k];
                for (int a = 0; a < x[i].length; a++) {
                    z += w1[k][a] * x[i][a];
                }
                h[i][k] = Math.max(0, z);
            }
        }
        return h;
    }

    private double[][] outputs(double[][] h) {
        double[][] p = new double[h.length][b2.length];
        for (int i = 0; i < h.length; i++) {
            for (int t = 0; t < b2.length; t++) {
                double z = b2[t];
                for (int k = 0; k < h[i].length; k++) {
                    z += w2[t][k] * h[i][k];
                }
                p[i][t] = softmax ? z : LogisticRegression.sigmoid(z);
            }
            if (softmax) {
                p[i] = SoftmaxRegression.softmax(p[i]);
            }
        }
        return p;
    }

    /** One Adam update of {@code w} by the gradient {@code g} of the summed loss plus the L2 term, over {@code n}. */
    private static void adam(double[][] w, double[][] g, double l2, int n, double[][] m, double[][] v, double lr,
                             double correction1, double correction2) {
        for (int r = 0; r < w.length; r++) {
            for (int c = 0; c < w[r].length; c++) {
                double grad = (g[r][c] + l2 * w[r][c]) / n;
                m[r][c] = BETA1 * m[r][c] + (1 - BETA1) * grad;
                v[r][c] = BETA2 * v[r][c] + (1 - BETA2) * grad * grad;
                w[r][c] -= lr * (m[r][c] / correction1) / (Math.sqrt(v[r][c] / correction2) + EPSILON);
            }
        }
    }

    private static double[][] uniform(int rows, int columns, double limit, SplittableRandom random) {
        double[][] w = new double[rows][columns];
        for (double[] row : w) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextDouble(-limit, limit);
            }
        }
        return w;
    }
}
