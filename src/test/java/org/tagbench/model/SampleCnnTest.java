package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sample-level CNN at the sota repo's widths has the count its PyTorch SampleCNN has (scripts/samplecnn_count.py:
 * 1,869,874 at 50 tags) and leaves one frame of 59,049 samples; shorter chunks keep the early pools; the solver
 * reaches the budgets within 2% at the paper's input.
 */
class SampleCnnTest {
    private static final int[] PAPER_WIDTHS = {128, 128, 128, 256, 256, 256, 256, 256, 256, 512, 512};

    @Test
    void paperWidthsGiveTheReposCountAndOneFrame() {
        ModelSpec spec = Architecture.SAMPLECNN.spec(1, 59049, 50, PAPER_WIDTHS);
        assertEquals(1_869_874, spec.trainableParams());
        List<Shape> shapes = spec.shapes();
        assertEquals(new Shape(128, 1, 19683), shapes.get(0));
        assertEquals(new Shape(512, 1, 1), shapes.get(10));
        assertEquals(Shape.vector(50), shapes.get(12));
        assertEquals("conv1d 3 stride 3, bn, relu", spec.layers().get(0).describe());
        assertEquals("conv1d 3, bn, relu, maxpool 3", spec.layers().get(1).describe());
        // Row 12 of the summary (counted from 1), the dropout: the 512 values the sigmoid layer reads.
        assertEquals(12, spec.embeddingLayer());
    }

    @ParameterizedTest(name = "{0} samples")
    @CsvSource({"6561, 3 3 3 3 3 3 3 1 1", "18000, 3 3 3 3 3 3 3 2 1", "59049, 3 3 3 3 3 3 3 3 3",
            "100, 3 3 3 1 1 1 1 1 1"})
    void shorterChunksKeepTheEarlyPoolsAndLeaveOneFrame(int samples, String pools) {
        ModelSpec spec = Architecture.SAMPLECNN.spec(1, samples, 5, new int[] {2, 2, 2, 3, 3, 3, 3, 3, 3, 4, 4});
        String actual = String.join(" ", spec.layersOf(Conv1dBlock.class).subList(1, 10).stream()
                .map(c -> Integer.toString(c.pool())).toList());
        assertEquals(pools, actual);
        assertEquals(1, spec.shapes().get(10).width());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"100000", "500000", "1000000", "1869874"})
    void theSolverReachesEachBudgetAtThePapersInput(long budget) {
        ModelSpec spec = WidthSolver.solve(Architecture.SAMPLECNN, budget, 1, 59049, 50);
        assertEquals(budget, spec.trainableParams(), 0.02 * budget);
        List<Integer> w = spec.widths();
        // Three groups of equal width, 1 : 2 : 4 up to rounding.
        assertEquals(List.of(w.get(0), w.get(0), w.get(0)), w.subList(0, 3));
        assertEquals(w.get(3), w.get(8));
        assertEquals(w.get(9), w.get(10));
        assertEquals(2.0, w.get(3) / (double) w.get(0), 0.1);
        assertEquals(4.0, w.get(9) / (double) w.get(0), 0.2);
    }

    @Test
    void aLogMelInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Architecture.SAMPLECNN.spec(96, 1366, 50, PAPER_WIDTHS));
        assertEquals("samplecnn eats the raw waveform (input 1 x samples), not 96 x 1366 (expected"
                + " features.frontend: none)", e.getMessage());
    }
}
