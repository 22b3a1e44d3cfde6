package org.tagbench.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The paper's Table 1 widths (per group, as in the paper: e.g. k2c2 conv1 / conv2-3 / conv4 / conv5) on its
 * 96 x 1366 input with 50 tags. Expected counts come from the closed forms in docs/architectures.md, which
 * rebuilding the author's Keras models in PyTorch confirmed; the CRNN's carry 6 x gru more than Keras's
 * single-bias GRU because tagbench's GRU has PyTorch's two biases per gate.
 */
class Table1Test {

    @ParameterizedTest(name = "{0} at {1}: widths {2}")
    @CsvSource({
            "k2c1, 100000,  43 87 87,      100245",
            "k2c1, 250000,  72 145 145,    249450",
            "k2c1, 500000,  106 212 212,   507024",
            "k2c1, 1000000, 152 304 304,   1005526",
            "k2c1, 3000000, 265 535 535,   2986347",
            "k2c2, 100000,  20 41 62 83,   99554",
            "k2c2, 250000,  33 66 100 133, 248829",
            "k2c2, 500000,  47 95 142 190, 500052",
            "k2c2, 1000000, 67 135 203 271, 1006560",
            "k2c2, 3000000, 118 236 355 473, 3048899",
            "crnn, 100000,  30 60 30,      100190",
            "crnn, 250000,  48 96 48,      249266",
            "crnn, 500000,  68 137 68,     500445",
            "crnn, 1000000, 96 195 96,     1003823",
            "crnn, 3000000, 169 339 169,   3031606",
            "k1c2, 100000,  15 30 30,      98392"})
    void tableOneWidthsAreWithinTwoPercentOfTheirBudget(String arch, long budget, String groups, long expected) {
        ModelSpec spec = tableOne(arch, groups);
        assertEquals(expected, spec.trainableParams());
        double error = (spec.trainableParams() - budget) / (double) budget;
        assertTrue(Math.abs(error) <= WidthSolver.TOLERANCE, arch + " at " + budget + ": " + error);
    }

    /** k1c2's Table 1 widths miss 2% from 0.25M up under any reading (docs/architectures.md): its known counts. */
    @ParameterizedTest(name = "k1c2 at {0}: widths {1}")
    @CsvSource({
            "250000,  23 47 47,    235475,  -5.81",
            "500000,  33 66 66,    460228,  -7.95",
            "1000000, 47 95 95,    947363,  -5.26",
            "3000000, 81 163 163,  2776223, -7.46"})
    void kOneCTwoTableOneWidthsMissTheirBudgetByKnownAmounts(long budget, String groups, long expected,
                                                              double percent) {
        ModelSpec spec = tableOne("k1c2", groups);
        assertEquals(expected, spec.trainableParams());
        assertEquals(percent, 100.0 * (spec.trainableParams() - budget) / budget, 0.005);
    }

    private static ModelSpec tableOne(String name, String groups) {
        Architecture arch = Architecture.byName(name).orElseThrow();
        int[] groupWidths = java.util.Arrays.stream(groups.trim().split(" +")).mapToInt(Integer::parseInt).toArray();
        return arch.spec(96, 1366, 50, arch.layerWidths(groupWidths));
    }
}
