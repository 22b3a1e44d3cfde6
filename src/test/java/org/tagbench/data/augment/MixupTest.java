package org.tagbench.data.augment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tagbench.data.Batch;
import org.tagbench.data.Permutation;

/**
 * Mixup: each row's features and labels are the convex combination, with the drawn weight, of the row and its drawn
 * partner; the weights follow Beta(alpha, alpha) (mean 1/2, variance 1 / (4 (2 alpha + 1)), and the closed-form
 * CDFs of Beta(1/2, 1/2), Beta(1, 1) and Beta(2, 2)); the same seed mixes the same way.
 */
class MixupTest {
    private static final int DRAWS = 100_000;

    @Test
    void eachRowIsTheDrawnConvexCombinationOfItselfAndItsPartner() {
        Batch batch = batch(6, 5, 4);
        Mixup mixup = new Mixup(0.4);
        for (long seed = 0; seed < 20; seed++) {
            // The draws mix(batch, random) makes, in its order: the weight, then the partners.
            SplittableRandom copy = new SplittableRandom(seed);
            double lambda = mixup.lambda(copy);
            int[] partners = Permutation.shuffled(batch.rows(), copy);

            Batch mixed = mixup.mix(batch, new SplittableRandom(seed));

            assertTrue(lambda > 0 && lambda < 1, "lambda " + lambda);
            assertEquals(batch.rows(), mixed.rows());
            for (int r = 0; r < batch.rows(); r++) {
                for (int i = 0; i < 5; i++) {
                    assertEquals(lambda * batch.features()[r * 5 + i] + (1 - lambda) * batch.features()[partners[r] * 5 + i],
                            mixed.features()[r * 5 + i], 1e-6, "feature " + i + " of row " + r);
                }
                for (int j = 0; j < 4; j++) {
                    double want = lambda * batch.labels()[r * 4 + j] + (1 - lambda) * batch.labels()[partners[r] * 4 + j];
                    assertEquals(want, mixed.labels()[r * 4 + j], 1e-7, "label " + j + " of row " + r);
                }
            }
        }
    }

    @Test
    void aKnownWeightAndPairingGiveTheHandComputedRows() {
        Batch batch = new Batch(new float[] {1, 2, 10, 20}, new float[] {1, 0, 0, 1}, 2);

        Batch mixed = Mixup.mix(batch, 0.75, new int[] {1, 0});

        assertArrayEquals(new float[] {3.25f, 6.5f, 7.75f, 15.5f}, mixed.features());
        assertArrayEquals(new float[] {0.75f, 0.25f, 0.25f, 0.75f}, mixed.labels());
    }

    @Test
    void theSameSeedMixesAlikeAndAnotherSeedOtherwise() {
        Batch batch = batch(8, 3, 2);
        Mixup mixup = new Mixup(1);

        Batch once = mixup.mix(batch, new SplittableRandom(5));
        Batch again = mixup.mix(batch, new SplittableRandom(5));
        Batch other = mixup.mix(batch, new SplittableRandom(6));

        assertArrayEquals(once.features(), again.features());
        assertArrayEquals(once.labels(), again.labels());
        assertFalse(Arrays.equals(once.features(), other.features()));
    }

    @ParameterizedTest(name = "alpha {0}")
    @ValueSource(doubles = {0.1, 0.2, 0.5, 1, 2, 8})
    void weightsHaveBetaMeanAndVariance(double alpha) {
        double[] draws = draws(alpha, 11);
        double mean = Arrays.stream(draws).average().orElseThrow();
        double variance = Arrays.stream(draws).map(x -> (x - mean) * (x - mean)).sum() / (DRAWS - 1);

        // Beta(a, a): mean 1/2, variance 1 / (4 (2a + 1)), excess kurtosis -6 / (2a + 3).
        double sigma2 = 1 / (4 * (2 * alpha + 1));
        double meanError = Math.sqrt(sigma2 / DRAWS);
        double varianceError = sigma2 * Math.sqrt((2 - 6 / (2 * alpha + 3)) / DRAWS);
        assertEquals(0.5, mean, 5 * meanError, "mean");
        assertEquals(sigma2, variance, 5 * varianceError, "variance");
    }

    @ParameterizedTest(name = "alpha {0}")
    @ValueSource(doubles = {0.5, 1, 2})
    void weightsFollowTheClosedFormBetaCdf(double alpha) {
        DoubleUnaryOperator cdf = alpha == 0.5 ? x -> 2 / Math.PI * Math.asin(Math.sqrt(x))
                : alpha == 1 ? x -> x : x -> 3 * x * x - 2 * x * x * x;
        double[] draws = draws(alpha, 12);
        Arrays.sort(draws);
        double worst = 0;
        for (int i = 0; i < DRAWS; i++) {
            double f = cdf.applyAsDouble(draws[i]);
            worst = Math.max(worst, Math.max((i + 1.0) / DRAWS - f, f - (double) i / DRAWS));
        }
        // Kolmogorov-Smirnov at the 0.1% level: 1.95 / sqrt(n).
        assertTrue(worst < 1.95 / Math.sqrt(DRAWS), "KS distance " + worst);
    }

    private static double[] draws(double alpha, long seed) {
        Mixup mixup = new Mixup(alpha);
        SplittableRandom random = new SplittableRandom(seed);
        double[] draws = new double[DRAWS];
        for (int i = 0; i < DRAWS; i++) {
            draws[i] = mixup.lambda(random);
        }
        return draws;
    }

    private static Batch batch(int rows, int features, int tags) {
        SplittableRandom random = new SplittableRandom(rows);
        float[] x = new float[rows * features];
        float[] y = new float[rows * tags];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) random.nextGaussian();
        }
        for (int i = 0; i < y.length; i++) {
            y[i] = random.nextBoolean() ? 1f : 0f;
        }
        return new Batch(x, y, rows);
    }
}
