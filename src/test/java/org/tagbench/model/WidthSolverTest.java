package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class WidthSolverTest {

    static Stream<Arguments> budgetsAndInputs() {
        long[] budgets = {50_000, 100_000, 250_000, 500_000, 1_000_000, 3_000_000, 5_000_000};
        int[][] inputs = {{96, 1366, 50}, {96, 141, 50}, {128, 188, 10}, {40, 47, 5}};
        return Stream.of(Architecture.values()).flatMap(arch -> Stream.of(inputs).flatMap(input ->
                java.util.Arrays.stream(budgets).mapToObj(b -> Arguments.of(arch, b, input[0], input[1], input[2]))));
    }

    @ParameterizedTest(name = "{0}, {1} parameters, {2}x{3} input, {4} tags")
    @MethodSource("budgetsAndInputs")
    void solvedNetworkIsWithinTwoPercentOfItsBudget(Architecture arch, long budget, int mels, int frames, int tags) {
        ModelSpec spec = ArchitectureInputs.solve(arch, budget, mels, frames, tags);
        assertTrue(Math.abs(spec.trainableParams() - budget) <= 0.02 * budget,
                () -> spec.trainableParams() + " parameters for a budget of " + budget);
        assertEquals(arch.layerNames().size(), spec.widths().size());
    }

    @Test
    void widthsKeepThePapersRatiosWhereRoundingAllowsIt() {
        ModelSpec spec = WidthSolver.solve(Architecture.K2C2, 1_000_000, 96, 1366, 50);
        List<Integer> w = spec.widths();
        assertTrue(w.get(0) < w.get(1) && w.get(1).equals(w.get(2)) && w.get(2) < w.get(3) && w.get(3) < w.get(4),
                "widths keep the 1:2:2:3:4 shape: " + w);
        assertEquals(4.0, w.get(4) / (double) w.get(0), 0.1);
        List<Integer> crnn = WidthSolver.solve(Architecture.CRNN, 1_000_000, 96, 1366, 50).widths();
        assertEquals(List.of(crnn.get(1), crnn.get(1), crnn.get(1)), crnn.subList(1, 4));
        assertEquals(crnn.get(4), crnn.get(5));
        assertEquals(2.0, crnn.get(1) / (double) crnn.get(0), 0.05);
    }

    @Test
    void trainableCountIsTheSumOfKernelsBiasesBatchNormAndOutput() {
        // k2c2 with the paper's 1M widths 67/135/135/203/271 for 50 tags, counted by hand.
        ModelSpec spec = Architecture.K2C2.spec(96, 1366, 50, new int[] {67, 135, 135, 203, 271});
        long expected = 2L * 1366
                + (9L * 1 * 67 + 67 + 2 * 67)
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
        List<ConvBlock> convs = spec.layersOf(ConvBlock.class);
        assertArrayEquals(new int[] {2, 2, 2, 3, 4}, convs.stream().mapToInt(ConvBlock::poolHeight).toArray());
        assertArrayEquals(new int[] {4, 4, 4, 5, 4}, convs.stream().mapToInt(ConvBlock::poolWidth).toArray());
        List<Shape> shapes = spec.shapes();
        assertEquals(new Shape(4, 1, 1), shapes.get(shapes.size() - 2));
    }

    @Test
    void shortInputShrinksTheLastPoolsUntilTheyFit() {
        assertArrayEquals(new int[] {4, 4, 4, 2, 1}, Pools.fit(new int[] {4, 4, 4, 5, 4}, 141));
        assertArrayEquals(new int[] {2, 2, 2, 1, 1}, Pools.fit(new int[] {2, 2, 2, 3, 4}, 8));
    }

    @Test
    void budgetBelowTheSmallestNetworkIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> WidthSolver.solve(Architecture.K2C2, 100, 96, 141, 50));
        assertTrue(e.getMessage().startsWith("k2c2 cannot be built within 2% of 100 parameters for a 96 x 141 input"
                + " and 50 tags: nearest is "), e.getMessage());
    }
}
