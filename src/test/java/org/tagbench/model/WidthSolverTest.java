package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WidthSolverTest {

    @ParameterizedTest(name = "{0} parameters, {1}x{2} input, {3} tags")
    @CsvSource({"100000,96,141,12", "250000,96,1366,50", "1000000,96,1366,50", "50000,128,188,10", "3000000,96,141,50"})
    void solvedNetworkIsWithinTwoPercentOfItsBudget(long budget, int mels, int frames, int tags) {
        ModelSpec spec = WidthSolver.solve(Architecture.K2C2, budget, mels, frames, tags);
        assertTrue(Math.abs(spec.trainableParams() - budget) <= 0.02 * budget,
                () -> spec.trainableParams() + " parameters for a budget of " + budget);
        List<Integer> w = spec.widths();
        assertTrue(w.get(0) < w.get(1) && w.get(1).equals(w.get(2)) && w.get(2) < w.get(3) && w.get(3) < w.get(4),
                "widths keep the 1:2:2:3:4 shape: " + w);
    }

    @Test
    void trainableCountIsTheSumOfKernelsBiasesBatchNormAndOutput() {
        // k2c2 with the paper's 1M widths 67/135/135/203/271 for 50 tags, counted by hand.
        ModelSpec spec = Architecture.K2C2.spec(96, 1366, 50, new int[] {67, 135, 135, 203, 271});
        long expected = (9L * 1 * 67 + 67 + 2 * 67)
                + (9L * 67 * 135 + 135 + 2 * 135)
                + (9L * 135 * 135 + 135 + 2 * 135)
                + (9L * 135 * 203 + 203 + 2 * 203)
                + (9L * 203 * 271 + 271 + 2 * 271)
                + (271L * 50 + 50);
        assertEquals(expected, spec.trainableParams());
    }

    @Test
    void fullSizeInputKeepsThePapersPoolsDownToOneByOne() {
        ModelSpec spec = Architecture.K2C2.spec(96, 1366, 50, new int[] {1, 2, 2, 3, 4});
        assertArrayEquals(new int[] {2, 2, 2, 3, 4}, spec.blocks().stream().mapToInt(ConvBlock::poolHeight).toArray());
        assertArrayEquals(new int[] {4, 4, 4, 5, 4}, spec.blocks().stream().mapToInt(ConvBlock::poolWidth).toArray());
        assertArrayEquals(new int[] {1, 1}, spec.pooledShape());
    }

    @Test
    void shortInputShrinksTheLastPoolsUntilTheyFit() {
        int[] pools = K2c2.fitPools(new int[] {4, 4, 4, 5, 4}, 141);
        int product = 1;
        for (int p : pools) {
            product *= p;
        }
        assertTrue(product <= 141, "pools " + java.util.Arrays.toString(pools) + " exceed 141 frames");
        assertArrayEquals(new int[] {4, 4, 4, 2, 1}, pools);
        assertArrayEquals(new int[] {2, 2, 2, 1, 1}, K2c2.fitPools(new int[] {2, 2, 2, 3, 4}, 8));
    }

    @Test
    void budgetBelowTheSmallestNetworkIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WidthSolver.solve(Architecture.K2C2, 100, 96, 141, 50));
        assertTrue(e.getMessage().contains("within 2% of 100 parameters"), e.getMessage());
    }
}
