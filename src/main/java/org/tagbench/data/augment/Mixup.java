package org.tagbench.data.augment;

import java.util.random.RandomGenerator;
import org.tagbench.data.Batch;
import org.tagbench.data.Permutation;

/**
 * Mixup (Zhang et al. 2018) within a batch: one weight lambda drawn from Beta(alpha, alpha) per batch, and each row
 * replaced by lambda times itself plus (1 - lambda) times the row a random permutation pairs it with, features and
 * labels alike (as the paper's code does with {@code randperm}). It mixes what the network eats: the log-mel with
 * {@code features.frontend: cpu}, the waveform otherwise.
 */
final class Mixup {
    private final double alpha;

    /** Mixup with Beta({@code alpha}, {@code alpha}) weights; {@code alpha > 0}. */
    Mixup(double alpha) {
        this.alpha = alpha;
    }

    /** {@code batch} mixed with a weight and partners drawn from {@code random}. */
    Batch mix(Batch batch, RandomGenerator random) {
        double lambda = lambda(random);
        return mix(batch, lambda, Permutation.shuffled(batch.rows(), random));
    }

    /** A weight from Beta(alpha, alpha), as the ratio of two Gamma(alpha) draws, G1 / (G1 + G2). */
    double lambda(RandomGenerator random) {
        double logG1 = logGamma(alpha, random);
        double logG2 = logGamma(alpha, random);
        // 1 / (1 + G2/G1) in logs: a small alpha's draws can underflow a double, their ratio does not.
        return 1 / (1 + Math.exp(logG2 - logG1));
    }

    /** Row r of the result is lambda row r + (1 - lambda) row partners[r], for features and labels. */
    static Batch mix(Batch batch, double lambda, int[] partners) {
        return new Batch(mixRows(batch.features(), batch.rows(), lambda, partners),
                mixRows(batch.labels(), batch.rows(), lambda, partners), batch.rows());
    }

    private static float[] mixRows(float[] values, int rows, double lambda, int[] partners) {
        int size = rows == 0 ? 0 : values.length / rows;
        float[] out = new float[values.length];
        for (int r = 0; r < rows; r++) {
            int own = r * size;
            int other = partners[r] * size;
            for (int i = 0; i < size; i++) {
                out[own + i] = (float) (lambda * values[own + i] + (1 - lambda) * values[other + i]);
            }
        }
        return out;
    }

    /**
     * The log of a Gamma(shape, 1) draw: Marsaglia and Tsang's (2000) method for shape >= 1, and for shape < 1
     * their boost, Gamma(shape) = Gamma(shape + 1) U^(1/shape).
     */
    private static double logGamma(double shape, RandomGenerator random) {
        if (shape < 1) {
            return logGamma(shape + 1, random) + Math.log(random.nextDouble()) / shape;
        }
        double d = shape - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        while (true) {
            double x;
            double v;
            do {
                x = random.nextGaussian();
                v = 1 + c * x;
            } while (v <= 0);
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) {
                return Math.log(d * v);
            }
        }
    }
}
