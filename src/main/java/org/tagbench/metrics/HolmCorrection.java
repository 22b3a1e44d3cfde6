package org.tagbench.metrics;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * Holm's step-down correction of a family of p-values (one family: the tested tags of one pair of runs at one
 * budget). With the m p-values in increasing order, the k-th (from 1) is adjusted to the largest of
 * min(1, (m - j + 1) p(j)) over j <= k, so that adjusted values keep the raw values' order and never exceed 1.
 */
public final class HolmCorrection {
    private HolmCorrection() {
    }

    /** Adjusted p-values, in the input's order; NaN entries (untested tags) are not in the family and stay NaN. */
    public static double[] adjust(double... pValues) {
        for (int i = 0; i < pValues.length; i++) {
            if (pValues[i] < 0 || pValues[i] > 1) {
                throw new IllegalArgumentException("p-value " + i + " is " + pValues[i] + ", expected 0 to 1 or NaN");
            }
        }
        int[] family = IntStream.range(0, pValues.length).filter(i -> !Double.isNaN(pValues[i])).boxed()
                .sorted(Comparator.comparingDouble(i -> pValues[i])).mapToInt(Integer::intValue).toArray();
        double[] adjusted = new double[pValues.length];
        Arrays.fill(adjusted, Double.NaN);
        int m = family.length;
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * pValues[family[k]]));
            adjusted[family[k]] = running;
        }
        return adjusted;
    }
}
