package org.tagbench.engine;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How one array of the weight layout starts. Fan in and fan out are PyTorch's and Keras's: for an array
 * [out, in, k...], in * k... and out * k... (a convolution's kernel area counts in both); a bias takes its weight's.
 */
public enum Initialisation {
    /** N(0, 2 / fan in) (He et al.; DL4J's WeightInit.RELU, DJL's default for weights). */
    HE_NORMAL,
    /** U(-b, b), b = sqrt(6 / (fan in + fan out)) (Glorot and Bengio; Keras's glorot_uniform). */
    GLOROT_UNIFORM,
    /**
     * U(-b, b), b = 1 / sqrt(fan in): torch.nn's Conv2d and Linear weights (kaiming_uniform with a = sqrt(5)) and
     * biases.
     */
    FAN_IN_UNIFORM,
    /** U(-b, b), b = 1 / sqrt(units): torch.nn.GRU's weights and biases. */
    UNITS_UNIFORM,
    /**
     * A random matrix with orthonormal rows or columns, whichever are fewer, of the array as [rows, the rest]
     * (Keras's orthogonal, gain 1: its GRU recurrent kernel [units, 3 units] has orthonormal rows, so the layout's
     * transposed [3 units, units] has orthonormal columns). Haar-distributed: Gram-Schmidt on a Gaussian matrix.
     */
    ORTHOGONAL,
    /** All zeros. */
    ZEROS,
    /** All ones. */
    ONES;

    /** How many values a weight array has on its input and output side, and a GRU's units (0 elsewhere). */
    record Fans(long in, long out, int units) {
    }

    /** Fills {@code values}, an array of {@code rows} rows in row-major order, with draws from {@code random}. */
    void fill(float[] values, int rows, Fans fans, SplittableRandom random) {
        switch (this) {
            case HE_NORMAL -> {
                double std = Math.sqrt(2.0 / fans.in());
                for (int i = 0; i < values.length; i++) {
                    values[i] = (float) (random.nextGaussian() * std);
                }
            }
            case GLOROT_UNIFORM -> uniform(values, Math.sqrt(6.0 / (fans.in() + fans.out())), random);
            case FAN_IN_UNIFORM -> uniform(values, 1 / Math.sqrt(fans.in()), random);
            case UNITS_UNIFORM -> uniform(values, 1 / Math.sqrt(fans.units()), random);
            case ORTHOGONAL -> orthogonal(values, rows, random);
            case ZEROS -> Arrays.fill(values, 0f);
            case ONES -> Arrays.fill(values, 1f);
        }
    }

    private static void uniform(float[] values, double bound, SplittableRandom random) {
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) ((2 * random.nextDouble() - 1) * bound);
        }
    }

    /** Orthonormal vectors along the longer side, as many as the shorter side has entries. */
    private static void orthogonal(float[] values, int rows, SplittableRandom random) {
        int cols = values.length / rows;
        boolean tall = rows >= cols;
        int length = tall ? rows : cols;
        int count = tall ? cols : rows;
        double[][] basis = new double[count][];
        for (int j = 0; j < count; j++) {
            double[] v = new double[length];
            for (int a = 0; a < length; a++) {
                v[a] = random.nextGaussian();
            }
            // Gram-Schmidt twice: orthogonal to the earlier vectors to rounding, however close the draw was to them.
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < j; i++) {
                    double dot = dot(basis[i], v);
                    for (int a = 0; a < length; a++) {
                        v[a] -= dot * basis[i][a];
                    }
                }
            }
            double norm = Math.sqrt(dot(v, v));
            for (int a = 0; a < length; a++) {
                v[a] /= norm;
            }
            basis[j] = v;
        }
        for (int j = 0; j < count; j++) {
            for (int a = 0; a < length; a++) {
                values[tall ? a * cols + j : j * cols + a] = (float) basis[j][a];
            }
        }
    }

    private static double dot(double[] x, double[] y) {
        double sum = 0;
        for (int a = 0; a < x.length; a++) {
            sum += x[a] * y[a];
        }
        return sum;
    }
}
