package org.tagbench.frontend;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class TableLog10Test {
    @Test
    void agreesWithMathLog10To1e15AcrossTheDoubleRange() {
        SplittableRandom random = new SplittableRandom(7);
        double worst = 0;
        for (int i = 0; i < 1_000_000; i++) {
            // Log-uniform over the normal doubles, so every exponent and table entry is visited.
            double x = Math.pow(10, random.nextDouble(-307, 308));
            double expected = Math.log10(x);
            worst = Math.max(worst, Math.abs(TableLog10.log10(x) - expected) / Math.max(1, Math.abs(expected)));
        }
        assertEquals(0, worst, 1e-15, "largest error relative to max(1, |log10 x|)");
    }

    @Test
    void isExactAtPowersOfTenNearOneAndAtTheEdges() {
        for (int p = -300; p <= 300; p++) {
            assertEquals(p, TableLog10.log10(Math.pow(10, p)), 1e-13 * Math.max(1, Math.abs(p)), "10^" + p);
        }
        double[] near = {1.0, Math.nextUp(1.0), Math.nextDown(1.0), 1 + 1e-9, 1 - 1e-9, 2.0, Math.nextDown(2.0), 1.5};
        for (double x : near) {
            assertEquals(Math.log10(x), TableLog10.log10(x), 1e-15, "x = " + x);
        }
        assertEquals(Double.NEGATIVE_INFINITY, TableLog10.log10(0.0));
        assertEquals(Double.POSITIVE_INFINITY, TableLog10.log10(Double.POSITIVE_INFINITY));
        assertEquals(Double.NaN, TableLog10.log10(-1.0));
        assertEquals(Math.log10(Double.MIN_VALUE), TableLog10.log10(Double.MIN_VALUE));
        assertEquals(Math.log10(Double.MAX_VALUE), TableLog10.log10(Double.MAX_VALUE), 1e-13);
    }
}
